namespace Enrollment.Core.Errors;

/// <summary>
/// Every value of the envelope's <c>reason</c> (docs/contract.md, one enum per error code in docs/openapi.yaml): why
/// the tenant policy refuses, which limit, which state conflict, which upstream failure. The OpenAPI tests fail when
/// a constant here is missing from the spec.
/// </summary>
public static class ErrorReasons
{
    public const string TenantNotFound = "TENANT_NOT_FOUND";
    public const string EnrollmentDisabled = "ENROLLMENT_DISABLED";
    public const string ClientNotAllowed = "CLIENT_NOT_ALLOWED";
    public const string AppVersionTooOld = "APP_VERSION_TOO_OLD";
    public const string NetworkNotAllowed = "NETWORK_NOT_ALLOWED";
    public const string AlreadyEnrolled = "ALREADY_ENROLLED";
    public const string ReauthenticationRequired = "REAUTHENTICATION_REQUIRED";
    public const string AssociationLimit = "ASSOCIATION_LIMIT";
    public const string VerificationFailureLimit = "VERIFICATION_FAILURE_LIMIT";

    /// <summary>The tenant requires MFA and does not let users remove their authenticator.</summary>
    public const string MfaRequired = "MFA_REQUIRED";

    /// <summary>The tenant issues no recovery codes (recovery.codeCount is 0).</summary>
    public const string RecoveryCodesDisabled = "RECOVERY_CODES_DISABLED";

    /// <summary>RATE_LIMITED: too many recovery attempts for this username or from this source.</summary>
    public const string RecoveryAttemptLimit = "RECOVERY_ATTEMPT_LIMIT";
    public const string RecoveryCodesLimit = "RECOVERY_CODES_LIMIT";

    /// <summary>CONFLICT: the route needs an enrolled authenticator and the user has none.</summary>
    public const string NotEnrolled = "NOT_ENROLLED";

    /// <summary>POLICY_DENIED: the token has mfa_enrollment_only "true" and the route is not one of enrollment (see EnrollmentOnlyTokens).</summary>
    public const string EnrollmentOnlyToken = "ENROLLMENT_ONLY_TOKEN";

    /// <summary>An admin route, and the caller is not an administrator of the tenant in the path (whichever the cause).</summary>
    public const string NotTenantAdmin = "NOT_TENANT_ADMIN";

    /// <summary>The user has no tenant binding (custom:tenant_id): created without one. Fails closed.</summary>
    public const string UserNotInTenant = "USER_NOT_IN_TENANT";

    /// <summary>The token's (or body's) app client belongs to another tenant than the user's binding.</summary>
    public const string ClientOfAnotherTenant = "CLIENT_OF_ANOTHER_TENANT";

    // CONFLICT: state changed under the request or is not what the route needs.
    public const string ConcurrentModification = "CONCURRENT_MODIFICATION";
    public const string SoftwareTokenNotVerified = "SOFTWARE_TOKEN_NOT_VERIFIED";
    public const string SoftwareTokenMfaUnavailable = "SOFTWARE_TOKEN_MFA_UNAVAILABLE";
    public const string SoftwareTokenNotAssociated = "SOFTWARE_TOKEN_NOT_ASSOCIATED";
    public const string RecoveryCodesChanged = "RECOVERY_CODES_CHANGED";
    public const string PolicyVersionConflict = "POLICY_VERSION_CONFLICT";
    public const string GroupOfAnotherTenant = "GROUP_OF_ANOTHER_TENANT";
    public const string UnexpectedChallenge = "UNEXPECTED_CHALLENGE";
    public const string GracePeriodDisabled = "GRACE_PERIOD_DISABLED";

    /// <summary>POLICY_DENIED: a sign-in trigger refused to issue tokens when the session route finished MFA_SETUP.</summary>
    public const string SignInRefused = "SIGN_IN_REFUSED";

    /// <summary>UNAUTHORIZED: Cognito did not finish the MFA_SETUP sign-in for the session route.</summary>
    public const string MfaSetupNotCompleted = "MFA_SETUP_NOT_COMPLETED";

    /// <summary>UPSTREAM_ERROR: AdminDeleteSoftwareToken is not available at this AWS endpoint.</summary>
    public const string SoftwareTokenDeleteUnavailable = "SOFTWARE_TOKEN_DELETE_UNAVAILABLE";

    /// <summary>UPSTREAM_ERROR: after an answer that may have hidden a success, AdminGetUser still lists the factor.</summary>
    public const string SoftwareTokenStillPresent = "SOFTWARE_TOKEN_STILL_PRESENT";
}
