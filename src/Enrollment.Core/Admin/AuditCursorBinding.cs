namespace Enrollment.Core.Admin;

/// <summary>
/// The query a cursor belongs to: tenant, filters and the resolved time range. A cursor continues only this query;
/// anything else (another tenant, a changed filter or range) is refused.
/// </summary>
public sealed record AuditCursorBinding(string TenantId, string? Username, string? EventType, string? Outcome, DateTimeOffset From, DateTimeOffset To);
