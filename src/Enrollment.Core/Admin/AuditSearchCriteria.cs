using System.Globalization;
using Enrollment.Core.Audit;
using Enrollment.Core.Errors;

namespace Enrollment.Core.Admin;

/// <summary>
/// The checked form of an audit search: the cursor to read from (a new one for a first page) and the page size. Rules:
/// page size 1-<see cref="MaxLimit"/> (default <see cref="DefaultLimit"/>); range [from, to) with to defaulting to now
/// and from to 24 hours before to, at most <see cref="MaxRange"/> long; filters by exact username, event type and
/// outcome. A cursor is the one place its own checks live: signed by us (<see cref="AuditCursorSigner"/>) and issued for
/// this tenant, these filters and this range (filters sent again unchanged; the range left out, as the cursor holds the
/// one resolved on the first page, or sent again unchanged). Every problem is a VALIDATION_ERROR whose reason names the
/// query parameter. Pure: no I/O.
/// </summary>
public sealed record AuditSearchCriteria(AuditCursor Cursor, int Limit)
{
    public const int DefaultLimit = 50;

    /// <summary>The one page ceiling of the audit trail: the JSON answer's limit and the export's page alike.</summary>
    public const int MaxLimit = 200;

    public static readonly TimeSpan DefaultRange = TimeSpan.FromHours(24);
    public static readonly TimeSpan MaxRange = TimeSpan.FromDays(90);

    private static readonly string[] Outcomes = [AuditOutcome.Success, AuditOutcome.Denied, AuditOutcome.Failed];

    public AuditQuery Query => Cursor.Query;

    public static AuditSearchCriteria Resolve(AuditSearchRequest request, string tenantId, DateTimeOffset now, AuditCursorSigner cursors)
    {
        var limit = ParseLimit(request.Limit);
        var username = AdminInput.OptionalUsername(request.Username, "username");
        var eventType = ParseEventType(request.EventType);
        var outcome = ParseOutcome(request.Outcome);
        var from = ParseTime(request.From, "from");
        var to = ParseTime(request.To, "to");

        if (!string.IsNullOrEmpty(request.Cursor))
        {
            var cursor = cursors.Open(request.Cursor) ?? throw InvalidCursor();
            var bound = cursor.Query;
            if (bound != new AuditQuery(tenantId, username, eventType, outcome, from ?? bound.From, to ?? bound.To)) throw InvalidCursor();
            return new(cursor, limit);
        }

        var end = to ?? Truncate(now);
        var start = from ?? end - DefaultRange;
        if (start >= end) throw EnrollmentException.Invalid("from must be before to.", "from");
        if (end - start > MaxRange) throw EnrollmentException.Invalid($"The time range may be at most {MaxRange.TotalDays:0} days.", "from");
        return new(AuditCursor.Start(new AuditQuery(tenantId, username, eventType, outcome, start, end)), limit);
    }

    private static int ParseLimit(string? text)
    {
        if (string.IsNullOrEmpty(text)) return DefaultLimit;
        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var limit) && limit is >= 1 and <= MaxLimit
            ? limit
            : throw EnrollmentException.Invalid($"limit must be a whole number from 1 to {MaxLimit}.", "limit");
    }

    /// <summary>Event types grow with the product, so the shape is checked, not a list: UPPER_SNAKE_CASE.</summary>
    private static string? ParseEventType(string? text)
    {
        if (string.IsNullOrEmpty(text)) return null;
        return text.Length <= 64 && char.IsAsciiLetterUpper(text[0]) && text.All(c => char.IsAsciiLetterUpper(c) || char.IsAsciiDigit(c) || c == '_')
            ? text
            : throw EnrollmentException.Invalid("eventType must be an event type such as TOTP_VERIFY.", "eventType");
    }

    private static string? ParseOutcome(string? text)
    {
        if (string.IsNullOrEmpty(text)) return null;
        return Outcomes.Contains(text, StringComparer.Ordinal)
            ? text
            : throw EnrollmentException.Invalid("outcome must be SUCCESS, DENIED or FAILED.", "outcome");
    }

    /// <summary>ISO-8601 with a zone (Z or an offset); kept at millisecond precision, as the store keys time.</summary>
    private static DateTimeOffset? ParseTime(string? text, string field)
    {
        if (string.IsNullOrEmpty(text)) return null;
        var hasZone = text.EndsWith('Z') || text.EndsWith('z') || (text.Length > 6 && text[^6] is '+' or '-' && text[^3] == ':');
        if (!hasZone || !DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal, out var value)
            || value.Year is < 2000 or > 9998)
            throw EnrollmentException.Invalid($"{field} must be an ISO-8601 time with a zone, such as 2025-03-14T09:00:00Z.", field);
        return Truncate(value);
    }

    private static DateTimeOffset Truncate(DateTimeOffset value) =>
        new(value.UtcTicks - value.UtcTicks % TimeSpan.TicksPerMillisecond, TimeSpan.Zero);

    private static EnrollmentException InvalidCursor() =>
        EnrollmentException.Invalid("The cursor is not valid for this query: send it back unchanged, with the same tenant and filters.", "cursor");
}
