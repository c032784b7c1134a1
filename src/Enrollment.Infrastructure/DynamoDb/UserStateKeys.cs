using System.Globalization;
using Amazon.DynamoDBv2.Model;
using Enrollment.Core.Limits;

namespace Enrollment.Infrastructure.DynamoDb;

/// <summary>
/// Keys of the user state table: one partition per user of a tenant, holding that user's rate counters,
/// enrollment record, recovery codes, grace start and recovery sign-in mark. Spreads load the way users spread, with
/// no tenant-wide hot key.
/// </summary>
/// <remarks>
/// A user's partition is keyed by the immutable <c>sub</c> (<c>TENANT#{tenantId}#SUB#{sub}</c>), never the username:
/// a username can be given to a new user after the old one is deleted, and must inherit nothing. Items written under
/// the earlier <c>#USER#{username}</c> keys are never read again (docs/operations-users.md says what that means).
/// Source counters share the table in partitions of their own (<c>TENANT#{tenantId}#SOURCE#{network}</c>, see
/// <see cref="CounterPartition"/>), a key space no user partition reaches.
/// </remarks>
public static class UserStateKeys
{
    public const string PartitionKey = "pk";
    public const string SortKey = "sk";
    public const string Count = "count";
    public const string TimeToLive = "expiresAt";

    /// <summary>How long a counter outlives its window (TTL deletion is lazy anyway; a day keeps it readable for support).</summary>
    public static readonly TimeSpan CounterGrace = TimeSpan.FromDays(1);

    public static string UserPartition(string tenantId, string subject) => $"TENANT#{tenantId}#SUB#{subject}";

    /// <summary>The enrollment record: one item per user.</summary>
    public const string EnrollmentSortKey = "ENROLLMENT";

    /// <summary>Every recovery item (the set and its codes) starts with this, so one Query finds them all.</summary>
    public const string RecoveryPrefix = "RECOVERY#";

    /// <summary>The current set: its salt and generation.</summary>
    public const string RecoverySetSortKey = RecoveryPrefix + "SET";

    public const string RecoveryCodePrefix = RecoveryPrefix + "CODE#";

    /// <summary>One code, by its salted hash: a guess is looked up by key, never by scanning.</summary>
    public static string RecoveryCodeSortKey(string hash) => RecoveryCodePrefix + hash;

    /// <summary>The key of one item of a user's partition.</summary>
    public static Dictionary<string, AttributeValue> ItemKey(string tenantId, string subject, string sortKey) => new()
    {
        [PartitionKey] = new AttributeValue { S = UserPartition(tenantId, subject) },
        [SortKey] = new AttributeValue { S = sortKey },
    };

    /// <summary>
    /// A counter's partition. A user's counters live in that user's partition (by sub); a source's in a partition of
    /// its own under SOURCE#, a key space no user partition can reach: a tenant id has no '#', so whatever a user
    /// value holds, "TENANT#t#SUB#..." never equals "TENANT#t#SOURCE#...".
    /// </summary>
    public static string CounterPartition(RateLimitCounter counter) => counter.Subject.Kind switch
    {
        RateLimitSubjectKind.User => UserPartition(counter.TenantId, counter.Subject.Value),
        RateLimitSubjectKind.Source => $"TENANT#{counter.TenantId}#SOURCE#{counter.Subject.Value}",
        _ => throw new ArgumentOutOfRangeException(nameof(counter), "Unknown rate limit subject."),
    };

    /// <summary>Minutes included so that windows shorter than an hour get their own counters.</summary>
    public static string CounterSortKey(RateLimitCounter counter) =>
        $"LIMIT#{counter.Action}#{counter.WindowStart.UtcDateTime.ToString("yyyyMMddHHmm", CultureInfo.InvariantCulture)}";

    public static long CounterExpiresAt(RateLimitCounter counter) => (counter.WindowEnd + CounterGrace).ToUnixTimeSeconds();
}
