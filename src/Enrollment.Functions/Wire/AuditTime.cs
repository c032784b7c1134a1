using System.Globalization;

namespace Enrollment.Functions.Wire;

/// <summary>ISO-8601 UTC with milliseconds, the precision the audit store keeps.</summary>
public static class AuditTime
{
    public static string Format(DateTimeOffset value) => value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
}
