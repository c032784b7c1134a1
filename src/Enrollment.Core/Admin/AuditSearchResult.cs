using Enrollment.Core.Audit;

namespace Enrollment.Core.Admin;

/// <summary>One page of a tenant's audit events, newest first, with the range it covers and the next page's cursor (null: no more).</summary>
public sealed record AuditSearchResult(IReadOnlyList<AuditEvent> Events, string? NextCursor, DateTimeOffset From, DateTimeOffset To, int Limit);
