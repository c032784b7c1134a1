using System.Text.Json.Serialization;
using Enrollment.Core.Admin;
using Enrollment.Core.Time;

namespace Enrollment.Functions.Wire;

/// <summary>
/// One page of the audit API: events newest first, the range searched, the page size, and the cursor of the next
/// page (always present; null when there is no more). A page may hold fewer events than the limit, even none, and
/// still have a cursor: filters are applied as the store reads.
/// </summary>
public sealed record AuditPageData(
    IReadOnlyList<AuditEventData> Events,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] string? NextCursor,
    string From,
    string To,
    int Limit)
{
    public static AuditPageData Of(AuditSearchResult result) => new(
        result.Events.Select(AuditEventData.Of).ToList(), result.NextCursor, IsoTime.Format(result.From), IsoTime.Format(result.To), result.Limit);
}
