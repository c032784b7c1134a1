using Enrollment.Core.Time;

namespace Enrollment.Infrastructure.DynamoDb;

/// <summary>
/// Keys of the audit table (docs/audit-key-design.md). Base table: one partition per user of a tenant, sorted
/// by time. Index <see cref="TenantTimeIndex"/>: a tenant's events spread over <see cref="ShardCount"/>
/// partitions, so a burst of one tenant never exceeds one partition's write limit.
/// </summary>
public static class AuditKeys
{
    public const string PartitionKey = "pk";
    public const string SortKey = "sk";
    public const string TenantTimeIndex = "byTenantTime";
    public const string IndexPartitionKey = "gsi1pk";
    public const string IndexSortKey = "gsi1sk";
    public const string TimeToLive = "expiresAt";

    /// <summary>
    /// Write shards per tenant: 16 x 1,000 WCU. Changing it only moves new events; a reader must then query
    /// the larger of the old and new counts, so grow it, never shrink it.
    /// </summary>
    public const int ShardCount = 16;

    /// <summary>Usernames longer than this (Cognito allows 128) are not keyed by user: a key stays small and valid.</summary>
    public const int MaxKeyedUsernameLength = 256;

    /// <summary>
    /// The event's partition: its user's. Events without a usable username (denied before one was known) go
    /// to one of <see cref="ShardCount"/> anonymous partitions instead of a single hot "-" partition.
    /// </summary>
    public static string PartitionOf(string tenantId, string? username, string requestId) =>
        IsKeyable(username) ? UserPartition(tenantId, username!) : AnonymousPartition(tenantId, requestId);

    public static string UserPartition(string tenantId, string username) => $"TENANT#{tenantId}#USER#{username}";

    public static string AnonymousPartition(string tenantId, string requestId) => $"TENANT#{tenantId}#ANON#{ShardOf(requestId)}";

    public static bool IsKeyable(string? username) => !string.IsNullOrEmpty(username) && username.Length <= MaxKeyedUsernameLength;

    /// <summary>Time first so that string order is time order; the request id makes it unique.</summary>
    public static string TimeSortKey(DateTimeOffset occurredAt, string requestId) => $"{IsoTime.Format(occurredAt)}#{requestId}";

    public static string TenantShard(string tenantId, int shard) => $"TENANT#{tenantId}#SHARD#{shard}";

    /// <summary>The prefix every partition key of a tenant starts with.</summary>
    public static string TenantPrefix(string tenantId) => $"TENANT#{tenantId}#";

    /// <summary>
    /// FNV-1a of the request id: stable across processes (string.GetHashCode is not) and uniform whatever
    /// the users do, so one busy user cannot heat one shard.
    /// </summary>
    public static int ShardOf(string requestId)
    {
        var hash = 2166136261u;
        foreach (var c in requestId)
        {
            hash ^= c;
            hash *= 16777619u;
        }
        return (int)(hash % ShardCount);
    }
}
