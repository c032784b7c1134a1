namespace Enrollment.Core.Audit;

/// <summary>The user an administrator's action was about (the administrator themself for tenant-wide actions).</summary>
public sealed record AuditSubject(string? Username, string? UserSub);
