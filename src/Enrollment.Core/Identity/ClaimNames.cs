namespace Enrollment.Core.Identity;

/// <summary>
/// The token claims the service reads or writes: Cognito's own (its user pool token documentation) and those our
/// pre token generation trigger adds. How their values arrive is <see cref="ClaimValues"/>.
/// </summary>
public static class ClaimNames
{
    public const string Issuer = "iss";
    public const string Subject = "sub";

    /// <summary>The ID token's app client; the access token names it <see cref="ClientId"/>.</summary>
    public const string Audience = "aud";
    public const string ClientId = "client_id";

    /// <summary>"access" or "id".</summary>
    public const string TokenUse = "token_use";

    /// <summary>The access token's username; the ID token names it <see cref="CognitoUsername"/>.</summary>
    public const string Username = "username";
    public const string CognitoUsername = "cognito:username";
    public const string CognitoGroups = "cognito:groups";

    /// <summary>When the user last signed in with credentials, in Unix seconds.</summary>
    public const string AuthTime = "auth_time";

    /// <summary>The user's tenant, written by pre token generation from the custom:tenant_id attribute (the HTTP routes read it first).</summary>
    public const string TenantId = "tenant_id";

    /// <summary>"true" when the user has a working authenticator with our service.</summary>
    public const string MfaEnrolled = "mfa_enrolled";

    /// <summary>"true" when the app must send the user to enrollment (tenant requires MFA, or after a recovery).</summary>
    public const string MfaEnrollmentRequired = "mfa_enrollment_required";

    /// <summary>"true" when the tokens are good for enrollment only; APIs must refuse them for anything else.</summary>
    public const string MfaEnrollmentOnly = "mfa_enrollment_only";

    /// <summary>ISO-8601 UTC end of the user's grace period (seconds), while the user is unenrolled in a tenant that requires MFA.</summary>
    public const string MfaGraceEndsAt = "mfa_grace_ends_at";

    /// <summary>The scope (a value of the scope claim) AssociateSoftwareToken, VerifySoftwareToken and the /v1/me routes need: never suppressed.</summary>
    public const string EnrollmentScope = "aws.cognito.signin.user.admin";
}
