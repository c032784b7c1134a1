namespace Enrollment.Infrastructure.Cognito;

/// <summary>
/// One API operation and what the transport may do with it. The functions' operations are declared here; the
/// ones only the local runner and tests send are declared in Enrollment.Local (LocalCognitoOperations).
/// <paramref name="RequiresSigV4"/>: IAM-authorized (Admin*, provisioning) rather than token-authorized.
/// <paramref name="SafeToRepeat"/>: repeating it after Cognito may have acted on it gives the same outcome.
/// A TOTP code is single use, so Verify, RespondToAuthChallenge and InitiateAuth are never repeated once sent.
/// </summary>
public sealed record CognitoOperation(string Name, bool RequiresSigV4, bool SafeToRepeat)
{
    public const string TargetPrefix = "AWSCognitoIdentityProviderService.";

    public string Target => TargetPrefix + Name;

    // A new unverified secret replaces the old one, so a repeated access-token associate is harmless. A session
    // may be single use, so the session path is repeated only when the request certainly never left.
    public static CognitoOperation AssociateSoftwareToken(bool withSession) => new("AssociateSoftwareToken", false, !withSession);

    public static readonly CognitoOperation VerifySoftwareToken = new("VerifySoftwareToken", false, false);
    public static readonly CognitoOperation SetUserMfaPreference = new("SetUserMFAPreference", false, true);
    public static readonly CognitoOperation GetUser = new("GetUser", false, true);
    public static readonly CognitoOperation RespondToAuthChallenge = new("RespondToAuthChallenge", false, false);

    public static readonly CognitoOperation AdminGetUser = new("AdminGetUser", true, true);
    public static readonly CognitoOperation AdminSetUserMfaPreference = new("AdminSetUserMFAPreference", true, true);
    // Not repeated blindly: after a timeout its outcome is established with AdminGetUser (CognitoUserPoolAdmin).
    public static readonly CognitoOperation AdminDeleteSoftwareToken = new("AdminDeleteSoftwareToken", true, false);
    // Signing out a signed-out user succeeds: a repeat gives the same outcome.
    public static readonly CognitoOperation AdminUserGlobalSignOut = new("AdminUserGlobalSignOut", true, true);

    /// <summary>
    /// IAM-authorized (Admin*, provisioning): its errors are about the target user or the pool, never the caller's
    /// token (the caller is this function's role). Token operations are listed above with RequiresSigV4 false; the
    /// provisioning operations named here are sent only by the local runner and tests (Enrollment.Local.Cognito).
    /// </summary>
    public static bool IsIamAuthorized(string operationName) =>
        operationName.StartsWith("Admin", StringComparison.Ordinal)
        || operationName is "DescribeUserPool" or "CreateUserPool" or "SetUserPoolMfaConfig" or "CreateUserPoolClient" or "CreateGroup";
}
