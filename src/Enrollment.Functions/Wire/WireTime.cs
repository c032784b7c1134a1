using System.Globalization;

namespace Enrollment.Functions.Wire;

/// <summary>Times on the wire: ISO-8601 UTC with milliseconds, as the audit's occurredAt.</summary>
public static class WireTime
{
    public static string Format(DateTimeOffset value) => value.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture);
}
