namespace Enrollment.Core.Audit;

/// <summary>
/// Reads the audit trail newest first, always inside one tenant. A continuation token continues only the query
/// that produced it (same tenant, user, range and filters); any other is VALIDATION_ERROR. Throws
/// ServiceUnavailable when the store cannot be reached.
/// </summary>
public interface IAuditReader
{
    Task<AuditPage> QueryByUserAsync(string tenantId, string username, AuditQuery query, CancellationToken cancellationToken);

    Task<AuditPage> QueryByTenantAsync(string tenantId, AuditQuery query, CancellationToken cancellationToken);
}
