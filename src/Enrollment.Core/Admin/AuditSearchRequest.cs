namespace Enrollment.Core.Admin;

/// <summary>The audit route's query string as sent (all text, all optional); <see cref="AuditSearchCriteria"/> checks it.</summary>
public sealed record AuditSearchRequest(
    string? Username = null,
    string? EventType = null,
    string? Outcome = null,
    string? From = null,
    string? To = null,
    string? Limit = null,
    string? Cursor = null);
