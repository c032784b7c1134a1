namespace Enrollment.Core.Audit;

/// <summary>
/// A page of audit events in [<paramref name="From"/>, <paramref name="To"/>), newest first, at millisecond
/// precision. <paramref name="ContinuationToken"/> is the store's position from the previous page. The query is
/// checked and bound to its cursor once, in <see cref="Admin.AuditSearchCriteria"/>; the store trusts it.
/// </summary>
public sealed record AuditQuery(DateTimeOffset From, DateTimeOffset To, int Limit = AuditQuery.DefaultLimit, string? ContinuationToken = null)
{
    public const int DefaultLimit = 50;

    /// <summary>The one page ceiling of the audit trail (the admin API's limit, the export's page).</summary>
    public const int MaxLimit = 200;

    /// <summary>Only events of this type (e.g. TOTP_VERIFY); null for all.</summary>
    public string? EventType { get; init; }

    /// <summary>Only events with this outcome (SUCCESS, DENIED, FAILED); null for all.</summary>
    public string? Outcome { get; init; }

    public bool IsFiltered => EventType is not null || Outcome is not null;
}
