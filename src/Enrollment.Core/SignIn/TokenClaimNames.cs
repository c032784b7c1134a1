namespace Enrollment.Core.SignIn;

/// <summary>Claims the pre token generation trigger adds to the ID and access tokens (values are strings).</summary>
public static class TokenClaimNames
{
    /// <summary>The tenant (api.md: the HTTP routes resolve the tenant from it first).</summary>
    public const string TenantId = "tenant_id";

    /// <summary>"true" when the user has a working authenticator with our service.</summary>
    public const string MfaEnrolled = "mfa_enrolled";

    /// <summary>"true" when the app must send the user to enrollment (tenant requires MFA, or after a recovery).</summary>
    public const string MfaEnrollmentRequired = "mfa_enrollment_required";

    /// <summary>"true" when the tokens are good for enrollment only; APIs must refuse them for anything else.</summary>
    public const string MfaEnrollmentOnly = "mfa_enrollment_only";

    /// <summary>ISO-8601 UTC end of the user's grace period, while the user is unenrolled in a tenant that requires MFA.</summary>
    public const string MfaGraceEndsAt = "mfa_grace_ends_at";

    /// <summary>The scope AssociateSoftwareToken, VerifySoftwareToken and the /v1/me routes need: never suppressed.</summary>
    public const string EnrollmentScope = "aws.cognito.signin.user.admin";
}
