namespace Enrollment.Infrastructure.Cognito.Model;

/// <summary>The shape of SoftwareTokenMfaSettings and SMSMfaSettings.</summary>
public sealed record MfaPreferenceSettings
{
    public bool? Enabled { get; init; }
    public bool? PreferredMfa { get; init; }
}
