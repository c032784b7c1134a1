namespace Enrollment.Core.Audit;

/// <summary>
/// Events newest first. A non-null <paramref name="Next"/> means "ask again for more"; as with DynamoDB itself, a page
/// may hold fewer events than asked for (even none) and still have one.
/// </summary>
public sealed record AuditPage(IReadOnlyList<AuditEvent> Events, AuditCursor? Next);
