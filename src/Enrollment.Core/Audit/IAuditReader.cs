namespace Enrollment.Core.Audit;

/// <summary>
/// Reads the audit trail newest first, always inside the cursor's tenant: the keys are built from its tenant id; a
/// query with a username reads that user's events, one without reads the whole tenant. The cursor was checked in Core
/// (<see cref="Admin.AuditSearchCriteria"/>) before it gets here; the reader trusts it. Throws ServiceUnavailable when
/// the store cannot be reached.
/// </summary>
public interface IAuditReader
{
    /// <summary>Up to <paramref name="limit"/> events from where <paramref name="cursor"/> stands.</summary>
    Task<AuditPage> ReadAsync(AuditCursor cursor, int limit, CancellationToken cancellationToken);
}
