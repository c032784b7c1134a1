using Enrollment.Core.Audit;
using Enrollment.Core.Identity;
using Enrollment.Core.Policy;

namespace Enrollment.Core.Removal;

/// <summary>
/// The audited destructive action (reset, recovery, disable): an intent item first, then the action, then the
/// outcome item (written by the route's runner, <see cref="AuditedAttemptRunner"/> or
/// <see cref="Admin.AuditedAdminAction"/>, after <see cref="IDestructiveProgress.IntentAt"/>). If the intent cannot be
/// written this throws SERVICE_UNAVAILABLE and the caller must not act: no factor is removed without a durable item.
/// </summary>
public sealed class DestructiveAction(AuditTrail audit)
{
    /// <param name="subject">The user acted on (proven: their token, their recovery code, or AdminGetUser for an administrator).</param>
    /// <param name="admin">The acting administrator, or null when the user acts on themselves.</param>
    public async Task BeginAsync(IDestructiveProgress progress, string eventType, CallerContext subject, CompiledTenantPolicy policy,
        CallerContext? admin, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(progress);
        progress.IntentAt = await audit.RecordIntentAsync(eventType, subject, policy, admin, cancellationToken);
    }
}
