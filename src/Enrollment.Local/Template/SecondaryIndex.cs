namespace Enrollment.Local.Template;

/// <summary>A global or local secondary index.</summary>
public sealed record SecondaryIndex(
    string IndexName,
    KeyAttribute PartitionKey,
    KeyAttribute? SortKey,
    string ProjectionType,
    IReadOnlyList<string> NonKeyAttributes);
