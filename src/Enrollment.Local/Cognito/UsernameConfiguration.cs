namespace Enrollment.Local.Cognito;

/// <summary>False: the pool matches usernames case-insensitively (the template's setting).</summary>
public sealed record UsernameConfiguration
{
    public required bool CaseSensitive { get; init; }
}
