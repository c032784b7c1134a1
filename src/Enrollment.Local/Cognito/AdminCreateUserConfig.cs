namespace Enrollment.Local.Cognito;

/// <summary>True: only administrators create users (no SignUp).</summary>
public sealed record AdminCreateUserConfig
{
    public bool? AllowAdminCreateUserOnly { get; init; }
}
