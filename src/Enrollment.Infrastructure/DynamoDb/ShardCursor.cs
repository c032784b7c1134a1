namespace Enrollment.Infrastructure.DynamoDb;

/// <summary>Where a tenant query stands in one shard: not read yet, read to the end, or after one item.</summary>
internal readonly record struct ShardCursor(ShardCursorState State, string? IndexSortKey = null, string? PartitionKey = null, string? SortKey = null)
{
    public static readonly ShardCursor NotStarted = new(ShardCursorState.NotStarted);
    public static readonly ShardCursor Exhausted = new(ShardCursorState.Exhausted);

    public static ShardCursor After(string indexSortKey, string partitionKey, string sortKey) =>
        new(ShardCursorState.After, indexSortKey, partitionKey, sortKey);
}

internal enum ShardCursorState
{
    NotStarted,
    Exhausted,
    After,
}
