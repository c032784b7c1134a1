namespace Enrollment.Core.Audit;

/// <summary>
/// One search of a tenant's audit trail: its events in [<paramref name="From"/>, <paramref name="To"/>), newest first, at
/// millisecond precision; one user's only when <paramref name="Username"/> is set, else the whole tenant; optionally one
/// event type and one outcome. Checked once, in <see cref="Admin.AuditSearchCriteria"/>, and bound into every cursor
/// of the search (<see cref="AuditCursor"/>); the store trusts it and builds every key from <paramref name="TenantId"/>.
/// </summary>
public sealed record AuditQuery(string TenantId, string? Username, string? EventType, string? Outcome, DateTimeOffset From, DateTimeOffset To)
{
    public bool IsFiltered => EventType is not null || Outcome is not null;
}
