namespace Enrollment.Core.Audit;

/// <summary>
/// Reads the audit trail newest first, always inside one tenant: the keys are built from the tenant id given. A
/// continuation token is the store's position only; which query it continues is bound and checked once, in Core
/// (the signed cursor of <see cref="Admin.AuditCursorSigner"/>, checked by <see cref="Admin.AuditSearchCriteria"/>).
/// A malformed token is VALIDATION_ERROR. Throws ServiceUnavailable when the store cannot be reached.
/// </summary>
public interface IAuditReader
{
    Task<AuditPage> QueryByUserAsync(string tenantId, string username, AuditQuery query, CancellationToken cancellationToken);

    Task<AuditPage> QueryByTenantAsync(string tenantId, AuditQuery query, CancellationToken cancellationToken);
}
