using Enrollment.Core.Errors;
using Enrollment.Core.Identity;
using Enrollment.Core.Policy;
using Enrollment.Core.UserPool;

namespace Enrollment.Core.Audit;

/// <summary>Builds audit events from the caller and the tenant (one place for TTL and outcome rules) and writes them.</summary>
public sealed class AuditTrail(IAuditLog log, TimeProvider time)
{
    /// <summary>Tenant id recorded when the tenant could not be resolved.</summary>
    public const string UnresolvedTenant = "_unresolved";
    public const int DefaultRetentionDays = 365;

    /// <param name="after">The time of this request's intent item, if one was written: this item sorts after it.</param>
    public Task RecordAsync(string eventType, CallerContext caller, CompiledTenantPolicy? policy, EnrollmentException? failure,
        CancellationToken cancellationToken, string? deviceName = null, string? actor = null, string? factorRemoval = null, string? signOut = null,
        DateTimeOffset? after = null) =>
        log.WriteAsync(Build(eventType, caller, policy, OutcomeOf(failure), failure is null ? null : ReasonOf(failure), after) with
        {
            DeviceName = deviceName,
            Actor = actor,
            FactorRemoval = factorRemoval,
            SignOut = signOut,
        }, cancellationToken);

    /// <summary>
    /// The intent item of a destructive action (reset, recovery, disable), written before it acts: outcome
    /// <see cref="AuditOutcome.Started"/>. Returns its time, which the outcome item passes as <c>after</c> so that the
    /// two never share a key. A failure to write it is thrown (SERVICE_UNAVAILABLE), and the action must not run.
    /// </summary>
    public async Task<DateTimeOffset> RecordIntentAsync(string eventType, CallerContext subject, CompiledTenantPolicy policy, CallerContext? admin,
        CancellationToken cancellationToken)
    {
        var intent = Build(eventType, subject, policy, AuditOutcome.Started, reason: null, after: null);
        if (admin is not null) intent = intent with { Actor = admin.Username, ActorSub = admin.UserSub, RequestId = admin.RequestId, ClientId = admin.ClientId, SourceIp = admin.SourceIp, UserAgent = admin.UserAgent, AppVersion = admin.AppVersion };
        await log.WriteAsync(intent, cancellationToken);
        return intent.OccurredAt;
    }

    /// <summary>Records a decision that is not an <see cref="EnrollmentException"/> (the sign-in triggers' outcomes and reasons).</summary>
    public Task RecordOutcomeAsync(string eventType, CallerContext caller, CompiledTenantPolicy? policy, string outcome, string? reason,
        CancellationToken cancellationToken, string? deviceName = null, string? actor = null, string? factorRemoval = null, string? signOut = null) =>
        log.WriteAsync(Build(eventType, caller, policy, outcome, reason, after: null) with
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
        EnrollmentException? failure, string? successReason, CancellationToken cancellationToken, string? factorRemoval = null, string? signOut = null,
        DateTimeOffset? after = null) =>
        log.WriteAsync(Build(eventType, admin with { Username = subject.Username, UserSub = subject.UserSub }, policy,
            OutcomeOf(failure), failure is null ? successReason : ReasonOf(failure), after) with
        {
            Actor = admin.Username,
            ActorSub = admin.UserSub,
            FactorRemoval = factorRemoval,
            SignOut = signOut,
        }, cancellationToken);

    /// <summary>The one place for the fields every event has: tenant (or the unresolved marker), caller, time and TTL.</summary>
    private AuditEvent Build(string eventType, CallerContext caller, CompiledTenantPolicy? policy, string outcome, string? reason, DateTimeOffset? after)
    {
        var now = time.GetUtcNow();
        // Items are keyed by time (milliseconds) and request id: an outcome in the same millisecond as its intent moves on by one.
        if (after is { } intentAt && now < intentAt.AddMilliseconds(1)) now = intentAt.AddMilliseconds(1);
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
