using Enrollment.Core.Errors;
using Enrollment.Core.Identity;
using Enrollment.Core.Policy;

namespace Enrollment.Core.Audit;

/// <summary>One attempt in progress: what the work learns on the way, for the attempt's audit event.</summary>
public sealed class AuditedAttempt(CallerContext caller) : IDestructiveProgress
{
    /// <summary>
    /// Who the attempt's audit event names. The session routes start without a user and set the proven one here only
    /// once Cognito has signed that user in (the session route's verify); the recovery route
    /// names the user only once a right code proved who it is.
    /// </summary>
    public CallerContext Caller { get; set; } = caller;

    public CompiledTenantPolicy? Policy { get; set; }

    public string? DeviceName { get; set; }

    /// <summary>How a factor was removed (recovery), as <see cref="UserPool.FactorRemovalNames"/> writes it.</summary>
    public string? FactorRemoval { get; set; }

    /// <summary>How the sign-out after a removed factor went, as <see cref="UserPool.GlobalSignOut"/> writes it.</summary>
    public string? SignOut { get; set; }

    /// <summary>
    /// A failure the audit event records but the caller is not told: the recovery route answers the same
    /// whatever happened, so that the answer reveals nothing about the user or the code.
    /// </summary>
    public EnrollmentException? UndisclosedFailure { get; set; }

    /// <summary>When the intent item of a destructive action was written (see <see cref="Audit.AuditTrail.RecordIntentAsync"/>).</summary>
    public DateTimeOffset? IntentAt { get; set; }
}
