namespace Enrollment.Infrastructure.Cognito.Model;

/// <summary>SetUserMFAPreference: fails with InvalidParameterException until a software token is verified.</summary>
public sealed record SetUserMfaPreferenceRequest
{
    public required string AccessToken { get; init; }
    public MfaPreferenceSettings? SoftwareTokenMfaSettings { get; init; }
    public MfaPreferenceSettings? SMSMfaSettings { get; init; }

    public override string ToString() => $"SetUserMfaPreferenceRequest {{ AccessToken = (redacted), SoftwareTokenMfaSettings = {SoftwareTokenMfaSettings}, SMSMfaSettings = {SMSMfaSettings} }}";
}
