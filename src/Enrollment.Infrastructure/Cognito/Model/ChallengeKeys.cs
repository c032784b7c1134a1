namespace Enrollment.Infrastructure.Cognito.Model;

/// <summary>
/// The keys of AuthParameters, ChallengeParameters and ChallengeResponses (Cognito's InitiateAuth and
/// RespondToAuthChallenge documentation); the challenge names themselves are Core's <c>ChallengeNames</c>.
/// </summary>
public static class ChallengeKeys
{
    public const string Username = "USERNAME";
    public const string Password = "PASSWORD";
    public const string NewPassword = "NEW_PASSWORD";
    public const string SoftwareTokenMfaCode = "SOFTWARE_TOKEN_MFA_CODE";
    public const string MfasCanSetup = "MFAS_CAN_SETUP";
}
