namespace Enrollment.Local.Template;

/// <summary>
/// An AWS::DynamoDB::Table as the local stack needs it to create the table.
/// <see cref="TableName"/> is what <c>!Ref</c> gives here (the override, TableName, or the logical id).
/// </summary>
public sealed record DynamoDbTable(
    string LogicalId,
    string TableName,
    KeyAttribute PartitionKey,
    KeyAttribute? SortKey,
    IReadOnlyList<SecondaryIndex> GlobalSecondaryIndexes,
    IReadOnlyList<SecondaryIndex> LocalSecondaryIndexes,
    string? TimeToLiveAttribute,
    string BillingMode,
    bool SseEnabled,
    bool PointInTimeRecovery,
    string? DeletionPolicy,
    IReadOnlyDictionary<string, object?> Properties);
