namespace Enrollment.Core.Admin;

/// <summary>An opened cursor: the query it was issued for and where the store left off (the store's own token).</summary>
public sealed record AuditCursor(AuditCursorBinding Binding, string Position);
