using Enrollment.Core.Enrollment;
using Enrollment.Core.Errors;
using Enrollment.Core.Policy;

namespace Enrollment.Core.Audit;

/// <summary>Builds audit events from the caller and the tenant (one place for TTL and outcome rules) and writes them.</summary>
public sealed class AuditTrail(IAuditLog log, TimeProvider time)
{
    /// <summary>Tenant id recorded when the tenant could not be resolved.</summary>
    public const string UnresolvedTenant = "_unresolved";
    public const int DefaultRetentionDays = 365;

    public Task RecordAsync(string eventType, CallerContext caller, CompiledTenantPolicy? policy, EnrollmentException? failure,
        CancellationToken cancellationToken, string? deviceName = null, string? actor = null, string? factorRemoval = null, string? signOut = null) =>
        RecordOutcomeAsync(eventType, caller, policy, OutcomeOf(failure), failure is null ? null : ReasonOf(failure),
            cancellationToken, deviceName, actor, factorRemoval, signOut);

    /// <summary>Records a decision that is not an <see cref="EnrollmentException"/> (the sign-in triggers' outcomes and reasons).</summary>
    public Task RecordOutcomeAsync(string eventType, CallerContext caller, CompiledTenantPolicy? policy, string outcome, string? reason,
        CancellationToken cancellationToken, string? deviceName = null, string? actor = null, string? factorRemoval = null, string? signOut = null) =>
        log.WriteAsync(Build(eventType, caller, policy, outcome, reason) with
        {
            DeviceName = deviceName,
            Actor = actor,
            FactorRemoval = factorRemoval,
            SignOut = signOut,
        }, cancellationToken);

    /// <summary>
    /// Records what an administrator did, or tried, to a user or to the tenant: the event's user is the
    /// <paramref name="subject"/> acted on, its actor the administrator; request id, source and client are the
    /// administrator's. <paramref name="successReason"/> says how a success came about (e.g. which factor removal).
    /// </summary>
    public Task RecordAdminActionAsync(string eventType, CallerContext admin, CompiledTenantPolicy? policy, AuditSubject subject,
        EnrollmentException? failure, string? successReason, CancellationToken cancellationToken, string? factorRemoval = null, string? signOut = null) =>
        log.WriteAsync(Build(eventType, admin with { Username = subject.Username, UserSub = subject.UserSub }, policy,
            OutcomeOf(failure), failure is null ? successReason : ReasonOf(failure)) with
        {
            Actor = admin.Username,
            ActorSub = admin.UserSub,
            FactorRemoval = factorRemoval,
            SignOut = signOut,
        }, cancellationToken);

    /// <summary>The one place for the fields every event has: tenant (or the unresolved marker), caller, time and TTL.</summary>
    private AuditEvent Build(string eventType, CallerContext caller, CompiledTenantPolicy? policy, string outcome, string? reason)
    {
        var now = time.GetUtcNow();
        var retention = policy?.Policy.Audit.RetentionDays ?? DefaultRetentionDays;
        return new AuditEvent
        {
            TenantId = policy?.TenantId ?? UnresolvedTenant,
            UserSub = caller.UserSub,
            Username = caller.Username,
            EventType = eventType,
            Outcome = outcome,
            Reason = reason,
            RequestId = caller.RequestId,
            OccurredAt = now,
            ClientId = caller.ClientId,
            SourceIp = caller.SourceIp,
            UserAgent = caller.UserAgent,
            AppVersion = caller.AppVersion,
            ExpiresAt = now.AddDays(retention).ToUnixTimeSeconds(),
        };
    }

    private static string ReasonOf(EnrollmentException failure) => failure.Reason ?? ErrorCodeNames.Of(failure.Code);

    public static string OutcomeOf(EnrollmentException? failure) => failure?.Code switch
    {
        null => AuditOutcome.Success,
        ErrorCode.PolicyDenied or ErrorCode.RateLimited or ErrorCode.ValidationError => AuditOutcome.Denied,
        _ => AuditOutcome.Failed,
    };
}
