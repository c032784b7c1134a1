namespace Enrollment.Local.Cognito;

/// <summary>Whether the pool offers TOTP at all (moto needs this set for MFA_SETUP and SOFTWARE_TOKEN_MFA).</summary>
public sealed record SoftwareTokenMfaConfig
{
    public bool? Enabled { get; init; }
}
