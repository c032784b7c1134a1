namespace Enrollment.Infrastructure.Cognito.Model;

/// <summary>ChallengeNameType values, and the challenge parameter and response keys that go with them.</summary>
public static class ChallengeNames
{
    public const string SoftwareTokenMfa = "SOFTWARE_TOKEN_MFA";
    public const string MfaSetup = "MFA_SETUP";
    public const string NewPasswordRequired = "NEW_PASSWORD_REQUIRED";
    public const string SelectMfaType = "SELECT_MFA_TYPE";
    public const string CustomChallenge = "CUSTOM_CHALLENGE";

    public const string UsernameKey = "USERNAME";
    public const string PasswordKey = "PASSWORD";
    public const string NewPasswordKey = "NEW_PASSWORD";
    public const string SoftwareTokenMfaCodeKey = "SOFTWARE_TOKEN_MFA_CODE";
    public const string MfasCanSetupKey = "MFAS_CAN_SETUP";
}
