using Enrollment.Core.Audit;

namespace Enrollment.Core.Admin;

/// <summary>What the audit event of one admin action will say; the action refines it as it learns more.</summary>
public sealed class AdminActionRecord(AuditSubject subject) : IDestructiveProgress
{
    public AuditSubject Subject { get; set; } = subject;

    /// <summary>The event's reason when the action succeeds (failures take the error's reason).</summary>
    public string? SuccessReason { get; set; }

    /// <summary>How an authenticator was removed, once it was (DELETED, PREFERENCE_DISABLED): recorded even if a later step fails.</summary>
    public string? FactorRemoval { get; set; }

    /// <summary>How the sign-out after a removed factor went (SIGNED_OUT or why not), as <see cref="UserPool.GlobalSignOut"/> writes it.</summary>
    public string? SignOut { get; set; }

    /// <summary>When the intent item of a destructive action was written; the outcome item sorts after it.</summary>
    public DateTimeOffset? IntentAt { get; set; }
}
