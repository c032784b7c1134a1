namespace Enrollment.Core.Policy;

/// <summary>Values of the envelope's <c>reason</c> when the tenant policy refuses (api.md).</summary>
public static class DenialReason
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

    /// <summary>An admin route, and the caller is not an administrator of the tenant in the path (whichever the cause).</summary>
    public const string NotTenantAdmin = "NOT_TENANT_ADMIN";
}
