namespace Enrollment.Core.SignIn;

/// <summary>The challenge names Cognito writes into <c>session[]</c> and accepts from Define (cognito.md).</summary>
public static class ChallengeNames
{
    public const string SrpA = "SRP_A";
    public const string PasswordVerifier = "PASSWORD_VERIFIER";
    public const string CustomChallenge = "CUSTOM_CHALLENGE";
    public const string SoftwareTokenMfa = "SOFTWARE_TOKEN_MFA";
    public const string SmsMfa = "SMS_MFA";
    public const string EmailOtp = "EMAIL_OTP";
    public const string DeviceSrpAuth = "DEVICE_SRP_AUTH";
    public const string DevicePasswordVerifier = "DEVICE_PASSWORD_VERIFIER";

    /// <summary>Cognito's own MFA: when one of these passed, the user proved a second factor to Cognito itself.</summary>
    public static bool IsCognitoMfa(string? name) => name is SoftwareTokenMfa or SmsMfa or EmailOtp;

    /// <summary>What Cognito may insert after the password on its own (its MFA, device remembering).</summary>
    public static bool IsCognitoStep(string? name) => IsCognitoMfa(name) || name is DeviceSrpAuth or DevicePasswordVerifier;
}
