namespace Enrollment.Local.Cognito;

public sealed record GlobalSignOutRequest
{
    public required string AccessToken { get; init; }

    public override string ToString() => "GlobalSignOutRequest { AccessToken = (redacted) }";
}
