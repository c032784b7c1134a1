using System.Globalization;
using Enrollment.Core.Audit;
using Enrollment.Core.Errors;

namespace Enrollment.Core.Admin;

/// <summary>
/// The checked form of an audit search. Rules: page size 1-<see cref="MaxLimit"/> (default <see cref="DefaultLimit"/>);
/// range [from, to) with to defaulting to now and from to 24 hours before to, at most <see cref="MaxRange"/> long;
/// filters by exact username, event type and outcome. With a cursor, the filters must be sent again unchanged and the
/// range may be left out (the cursor holds the range resolved on the first page) or sent again unchanged.
/// Every problem is a VALIDATION_ERROR whose reason names the query parameter. Pure: no I/O.
/// </summary>
public sealed record AuditSearchCriteria(AuditCursorBinding Binding, int Limit, string? Position)
{
    public const int DefaultLimit = AuditQuery.DefaultLimit;
    public const int MaxLimit = AuditQuery.MaxLimit;
    public const int MaxUsernameLength = 128;
    public static readonly TimeSpan DefaultRange = TimeSpan.FromHours(24);
    public static readonly TimeSpan MaxRange = TimeSpan.FromDays(90);

    private static readonly string[] Outcomes = [AuditOutcome.Success, AuditOutcome.Denied, AuditOutcome.Failed];

    public AuditQuery ToQuery() => new(Binding.From, Binding.To, Limit, Position) { EventType = Binding.EventType, Outcome = Binding.Outcome };

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
            var bound = cursor.Binding;
            if (bound.TenantId != tenantId || bound.Username != username || bound.EventType != eventType || bound.Outcome != outcome
                || (from is not null && from != bound.From) || (to is not null && to != bound.To))
                throw InvalidCursor();
            return new(bound, limit, cursor.Position);
        }

        var end = to ?? Truncate(now);
        var start = from ?? end - DefaultRange;
        if (start >= end) throw EnrollmentException.Invalid("from must be before to.", "from");
        if (end - start > MaxRange) throw EnrollmentException.Invalid($"The time range may be at most {MaxRange.TotalDays:0} days.", "from");
        return new(new AuditCursorBinding(tenantId, username, eventType, outcome, start, end), limit, null);
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
