namespace Enrollment.Core.UserPool;

/// <summary>
/// Cognito's challenge names, one table for the triggers' <c>session[]</c>, Define's answer, the API's
/// ChallengeName and the user's MFA settings. Values from botocore's cognito-idp model (ChallengeNameType), except
/// <see cref="SrpA"/>, which only the triggers see (Cognito's Define trigger documentation).
/// </summary>
public static class ChallengeNames
{
    /// <summary>The first session entry of an SRP sign-in; not a ChallengeNameType value.</summary>
    public const string SrpA = "SRP_A";
    public const string PasswordVerifier = "PASSWORD_VERIFIER";
    public const string CustomChallenge = "CUSTOM_CHALLENGE";

    /// <summary>Also the value in UserMFASettingList and PreferredMfaSetting (GetUser, AdminGetUser) for TOTP.</summary>
    public const string SoftwareTokenMfa = "SOFTWARE_TOKEN_MFA";
    public const string SmsMfa = "SMS_MFA";
    public const string EmailOtp = "EMAIL_OTP";
    public const string DeviceSrpAuth = "DEVICE_SRP_AUTH";
    public const string DevicePasswordVerifier = "DEVICE_PASSWORD_VERIFIER";

    /// <summary>The pool requires MFA and the user has none: answered with the session VerifySoftwareToken returns.</summary>
    public const string MfaSetup = "MFA_SETUP";
    public const string NewPasswordRequired = "NEW_PASSWORD_REQUIRED";
    public const string SelectMfaType = "SELECT_MFA_TYPE";

    /// <summary>Cognito's own MFA: when one of these passed, the user proved a second factor to Cognito itself.</summary>
    public static bool IsCognitoMfa(string? name) => name is SoftwareTokenMfa or SmsMfa or EmailOtp;

    /// <summary>What Cognito may insert after the password on its own (its MFA, device remembering).</summary>
    public static bool IsCognitoStep(string? name) => IsCognitoMfa(name) || name is DeviceSrpAuth or DevicePasswordVerifier;
}
