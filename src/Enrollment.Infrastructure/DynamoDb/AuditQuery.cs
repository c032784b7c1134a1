namespace Enrollment.Infrastructure.DynamoDb;

/// <summary>
/// A page of audit events in [<paramref name="From"/>, <paramref name="To"/>), newest first, at millisecond
/// precision. <paramref name="ContinuationToken"/> is the previous page's, unchanged, with the same range.
/// </summary>
public sealed record AuditQuery(DateTimeOffset From, DateTimeOffset To, int Limit = AuditQuery.DefaultLimit, string? ContinuationToken = null)
{
    public const int DefaultLimit = 50;
    public const int MaxLimit = 1000;
}
