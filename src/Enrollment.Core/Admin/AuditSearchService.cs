using Enrollment.Core.Audit;
using Enrollment.Core.Errors;

namespace Enrollment.Core.Admin;

/// <summary>
/// GET /v1/admin/tenants/{tenantId}/audit: the tenant's events for its administrators. Input is checked first (no
/// I/O, so a bad or foreign cursor costs nothing), then the caller is authorized, then the store is read inside the
/// tenant of the path only: filters are values in the query, never part of a key a caller can steer elsewhere.
/// Reads are not audited themselves (the function log records each request).
/// </summary>
public sealed class AuditSearchService(TenantAdminAuthorizer authorizer, IAuditReader reader, AuditCursorSigner cursors, TimeProvider time)
{
    public async Task<AuditSearchResult> SearchAsync(AdminCaller caller, string tenantId, AuditSearchRequest request, CancellationToken cancellationToken)
    {
        var criteria = AuditSearchCriteria.Resolve(request, tenantId, time.GetUtcNow(), cursors);
        (await authorizer.AuthorizeAsync(caller, tenantId, cancellationToken)).Demand();

        var page = await reader.ReadAsync(criteria.Cursor, criteria.Limit, cancellationToken);

        // The keys already confine the read to the tenant; an event of another one here would be a defect: fail loudly.
        if (page.Events.Any(e => e.TenantId != tenantId))
            throw new EnrollmentException(ErrorCode.InternalError, "The audit store returned an event of another tenant.");

        // The query bound into the next cursor is the one checked here, whatever the store handed back with its position.
        var next = page.Next is { } position ? cursors.Sign(new AuditCursor(criteria.Query, position.Streams)) : null;
        return new AuditSearchResult(page.Events, next, criteria.Query.From, criteria.Query.To, criteria.Limit);
    }
}
