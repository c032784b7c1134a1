namespace Enrollment.Core.Errors;

/// <summary>
/// What the caller is told when one of our stores (the DynamoDB tables behind the ports) fails or refuses a write, in
/// the contract's words. The adapters decide which of these a store error is; the library's text never reaches a
/// message (it may name hosts, tables or request ids).
/// </summary>
public static class StoreFailures
{
    public const string AuditUnavailableMessage = "The audit store is unavailable; nothing was returned.";
    public const string PolicyUnavailableMessage = "The tenant policy store is unavailable; nothing was returned.";
    public const string RateLimitUnavailableMessage = "The rate limit store is unavailable; nothing was returned.";
    public const string EnrollmentRecordUnavailableMessage = "The enrollment record store is unavailable; nothing was returned.";
    public const string RecoveryCodesUnavailableMessage = "The recovery code store is unavailable; nothing was returned.";
    public const string UserStateUnavailableMessage = "The user state store is unavailable; the sign-in cannot continue.";
    public const string AuditDuplicateMessage = "An audit event with the same request id and time is already recorded; it was not overwritten.";

    public static EnrollmentException AuditUnavailable() => Unavailable(AuditUnavailableMessage);

    public static EnrollmentException PolicyUnavailable() => Unavailable(PolicyUnavailableMessage);

    public static EnrollmentException RateLimitUnavailable() => Unavailable(RateLimitUnavailableMessage);

    public static EnrollmentException EnrollmentRecordUnavailable() => Unavailable(EnrollmentRecordUnavailableMessage);

    public static EnrollmentException RecoveryCodesUnavailable() => Unavailable(RecoveryCodesUnavailableMessage);

    /// <summary>The sign-in triggers' state (grace start, recovery mark): the sign-in fails closed.</summary>
    public static EnrollmentException UserStateUnavailable() => Unavailable(UserStateUnavailableMessage);

    /// <summary>The tenant's policy changed since it was read (or already exists, on create).</summary>
    public static EnrollmentException PolicyVersionConflict(string tenantId) => new(ErrorCode.Conflict,
        $"The policy of tenant '{tenantId}' has changed (or already exists); read it again and retry.", ErrorReasons.PolicyVersionConflict);

    public static EnrollmentException AdminGroupTaken(string group) => new(ErrorCode.Conflict,
        $"The admin group '{group}' belongs to another tenant; give this tenant a group of its own.", ErrorReasons.GroupOfAnotherTenant);

    public static EnrollmentException ClientTaken(string clientId) => new(ErrorCode.Conflict,
        $"The app client '{clientId}' belongs to another tenant.", ErrorReasons.ClientOfAnotherTenant);

    /// <summary>A stored policy that no longer parses is a defect, not the caller's input: fail closed.</summary>
    public static EnrollmentException StoredPolicyInvalid(string tenantId) =>
        new(ErrorCode.InternalError, $"The stored policy of tenant '{tenantId}' is not valid.");

    /// <summary>Another replacement (or a consume of a code being deleted) got there first: nothing was written.</summary>
    public static EnrollmentException RecoveryCodesChanged() =>
        new(ErrorCode.Conflict, "The recovery codes changed at the same time; try again.", ErrorReasons.RecoveryCodesChanged);

    /// <summary>Another event took this audit item's key: never overwritten, and no secret goes out without its record.</summary>
    public static EnrollmentException AuditDuplicate() => new(ErrorCode.InternalError, AuditDuplicateMessage);

    public static EnrollmentException AuditItemMalformed() => new(ErrorCode.InternalError, "A stored audit item is malformed.");

    private static EnrollmentException Unavailable(string message) => new(ErrorCode.ServiceUnavailable, message);
}
