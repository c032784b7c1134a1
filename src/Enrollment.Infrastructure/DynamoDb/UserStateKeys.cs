using System.Globalization;
using Enrollment.Core.Enrollment;

namespace Enrollment.Infrastructure.DynamoDb;

/// <summary>
/// Keys of the user state table: one partition per user of a tenant, holding that user's rate counters now
/// (and enrollment records later). Spreads load the way users spread, with no tenant-wide hot key.
/// </summary>
public static class UserStateKeys
{
    public const string PartitionKey = "pk";
    public const string SortKey = "sk";
    public const string Count = "count";
    public const string TimeToLive = "expiresAt";

    /// <summary>How long a counter outlives its window (TTL deletion is lazy anyway; a day keeps it readable for support).</summary>
    public static readonly TimeSpan CounterGrace = TimeSpan.FromDays(1);

    public static string UserPartition(string tenantId, string subject) => $"TENANT#{tenantId}#USER#{subject}";

    /// <summary>Minutes included so that windows shorter than an hour get their own counters.</summary>
    public static string CounterSortKey(RateLimitCounter counter) =>
        $"LIMIT#{counter.Action}#{counter.WindowStart.UtcDateTime.ToString("yyyyMMddHHmm", CultureInfo.InvariantCulture)}";

    public static long CounterExpiresAt(RateLimitCounter counter) => (counter.WindowEnd + CounterGrace).ToUnixTimeSeconds();
}
