using Enrollment.Core.Audit;

namespace Enrollment.Infrastructure.DynamoDb;

/// <summary>
/// Events newest first. A non-null <paramref name="ContinuationToken"/> means "ask again for more"; as with
/// DynamoDB itself, the next page may turn out empty.
/// </summary>
public sealed record AuditPage(IReadOnlyList<AuditEvent> Events, string? ContinuationToken);
