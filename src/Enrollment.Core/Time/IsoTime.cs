using System.Globalization;

namespace Enrollment.Core.Time;

/// <summary>
/// The one ISO-8601 UTC time format of the service, with the two precisions that differ on purpose:
/// <list type="bullet">
/// <item><see cref="Format"/> (milliseconds, <c>2026-01-31T12:00:00.000Z</c>): every time on the HTTP wire, in audit
/// items and their sort keys, in enrollment records and recovery code sets. Fixed width, so it sorts as text (the audit
/// key design depends on that); milliseconds are the precision the audit store keeps.</item>
/// <item><see cref="FormatSeconds"/> (<c>2026-01-31T12:00:00Z</c>): what the sign-in triggers hand to the app in a
/// token claim or a challenge parameter (<c>mfa_grace_ends_at</c>); token times are whole seconds.</item>
/// <item><see cref="FormatExact"/> (.NET's round-trip "O", 100 ns): the sign-in state items (grace start, recovery
/// mark). The first sign-in returns the very value it writes, and every later one reads it back: both must be equal,
/// so nothing is rounded away.</item>
/// </list>
/// </summary>
public static class IsoTime
{
    private const string MillisecondsFormat = "yyyy-MM-dd'T'HH:mm:ss.fff'Z'";
    private const string SecondsFormat = "yyyy-MM-dd'T'HH:mm:ss'Z'";
    private const DateTimeStyles Utc = DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal;

    public static string Format(DateTimeOffset value) => value.UtcDateTime.ToString(MillisecondsFormat, CultureInfo.InvariantCulture);

    public static string FormatSeconds(DateTimeOffset value) => value.UtcDateTime.ToString(SecondsFormat, CultureInfo.InvariantCulture);

    public static string FormatExact(DateTimeOffset value) => value.UtcDateTime.ToString("O", CultureInfo.InvariantCulture);

    /// <summary>Exactly the <see cref="Format"/> form (a sort key, a signed cursor): anything else is a FormatException.</summary>
    public static DateTimeOffset Parse(string value) =>
        DateTimeOffset.ParseExact(value, MillisecondsFormat, CultureInfo.InvariantCulture, Utc);

    /// <summary>Any ISO-8601 form, read as UTC when it names no offset: for stored values written by any of the formats above.</summary>
    public static bool TryParse(string? value, out DateTimeOffset at)
    {
        at = default;
        return value is not null && DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, Utc, out at);
    }
}
