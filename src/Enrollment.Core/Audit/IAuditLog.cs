namespace Enrollment.Core.Audit;

/// <summary>The audit trail. Throws ServiceUnavailable when it cannot write: callers then return no secret.</summary>
public interface IAuditLog
{
    Task WriteAsync(AuditEvent auditEvent, CancellationToken cancellationToken);
}
