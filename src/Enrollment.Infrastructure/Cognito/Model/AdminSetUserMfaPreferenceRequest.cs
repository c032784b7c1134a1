namespace Enrollment.Infrastructure.Cognito.Model;

/// <summary>Turns a factor's preference off or on; it does not delete the factor (AdminDeleteSoftwareToken does).</summary>
public sealed record AdminSetUserMfaPreferenceRequest
{
    public required string UserPoolId { get; init; }
    public required string Username { get; init; }
    public MfaPreferenceSettings? SoftwareTokenMfaSettings { get; init; }
    public MfaPreferenceSettings? SMSMfaSettings { get; init; }
}
