using Enrollment.Core.Audit;
using Enrollment.Core.Binding;
using Enrollment.Core.Errors;
using Enrollment.Core.Identity;
using Enrollment.Core.Limits;
using Enrollment.Core.Policy;
using Enrollment.Core.Recovery;
using Enrollment.Core.Removal;
using Enrollment.Core.Totp;
using Enrollment.Core.UserPool;

namespace Enrollment.Core.SelfService;

/// <summary>
/// The signed-in user's authenticator after enrollment: its status, removing it, and a new set of recovery
/// codes. Same order as enrollment: tenant, rules without I/O, then the user pool, then our own stores; each
/// change leaves one audit event (disable: an intent item before it acts, then the outcome), and new codes are
/// returned only after it is written. The user's state is read and written by the token's sub, never its username.
/// </summary>
public sealed class TotpLifecycleService(
    TenantResolver tenants,
    IUserPoolTotp userPool,
    IEnrollmentRecordStore records,
    IRecoveryCodeStore recoveryCodes,
    IRateLimiter limiter,
    AuditTrail audit,
    TimeProvider time)
{
    public const string RecoveryCodesAction = "RECOVERY_CODES";

    private readonly AuditedAttemptRunner _attempts = new(tenants, audit);
    private readonly RecoveryCodeIssuer _issuer = new(recoveryCodes, time);
    private readonly DestructiveAction _destructive = new(audit);

    /// <summary>A read: not audited. The three reads are independent, so they run together.</summary>
    public async Task<TotpStatus> GetStatusAsync(CallerContext caller, string accessToken, CancellationToken cancellationToken)
    {
        EnrollmentOnlyTokens.Require(caller, SignedInOperation.Status);
        var sub = TotpEnrollmentService.SignedInSub(caller);
        var policy = await tenants.ResolveAsync(caller, accessToken, cancellationToken);
        var user = userPool.GetUserAsync(accessToken, cancellationToken);
        var record = records.GetAsync(policy.TenantId, sub, cancellationToken);
        var remaining = recoveryCodes.CountRemainingAsync(policy.TenantId, sub, cancellationToken);
        await Task.WhenAll(user, record, remaining);

        // A record or codes without a factor are leftovers (e.g. removed in the console): not shown.
        if (!user.Result.HasSoftwareToken) return new TotpStatus(false, false, null, null, 0);
        return new TotpStatus(
            Enrolled: true,
            Preferred: user.Result.PreferredMfa == ChallengeNames.SoftwareTokenMfa,
            record.Result?.DeviceName,
            record.Result?.EnrolledAt,
            remaining.Result);
    }

    public Task DisableAsync(CallerContext caller, string accessToken, CancellationToken cancellationToken) =>
        _attempts.RunAsync(AuditEventType.TotpDisable, caller, async attempt =>
        {
            var sub = TotpEnrollmentService.SignedInSub(caller);
            var policy = await _attempts.ResolveAndGateAsync(attempt, cancellationToken, accessToken);
            // After the tenant is known, so the refusal is in the tenant's audit trail; before anything is read or changed.
            EnrollmentOnlyTokens.Require(caller, SignedInOperation.Disable);
            LifecycleRules.RequireDisableAllowed(policy.Policy);
            LifecycleRules.RequireRecentSignIn(policy.Policy, caller, time.GetUtcNow());

            var user = await userPool.GetUserAsync(accessToken, cancellationToken);
            if (!user.HasSoftwareToken) throw LifecycleRules.NotEnrolled();
            // Audited before it acts: no intent item, no removal (SERVICE_UNAVAILABLE).
            await _destructive.BeginAsync(attempt, AuditEventType.TotpDisable, caller, policy, admin: null, cancellationToken);
            await userPool.DisableSoftwareTokenAsync(accessToken, cancellationToken);
            // Codes would otherwise still "recover" a factor that is gone, and the record would show it. The grace
            // start stays: removing a factor never starts a grace period again.
            await Task.WhenAll(
                records.DeleteAsync(policy.TenantId, sub, cancellationToken),
                recoveryCodes.DeleteAllAsync(policy.TenantId, sub, cancellationToken));
            return true;
        }, cancellationToken);

    public Task<IssuedRecoveryCodes> ReplaceRecoveryCodesAsync(CallerContext caller, string accessToken, CancellationToken cancellationToken) =>
        _attempts.RunAsync(AuditEventType.RecoveryCodesIssued, caller, async attempt =>
        {
            var sub = TotpEnrollmentService.SignedInSub(caller);
            var policy = await _attempts.ResolveAndGateAsync(attempt, cancellationToken, accessToken);
            // After the tenant is known, so the refusal is in the tenant's audit trail; before anything is read or changed.
            EnrollmentOnlyTokens.Require(caller, SignedInOperation.RecoveryCodes);
            LifecycleRules.RequireRecoveryCodesOn(policy.Policy);
            LifecycleRules.RequireRecentSignIn(policy.Policy, caller, time.GetUtcNow());

            // A new set is ~40 writes: as many per hour as the tenant allows recovery attempts.
            var window = RateLimitCounter.Hourly(policy.TenantId, RateLimitSubject.User(sub), RecoveryCodesAction, time.GetUtcNow());
            var limit = policy.Policy.Recovery.MaxAttemptsPerHour;
            await limiter.AcquireOrRefuseAsync(window, limit, ErrorReasons.RecoveryCodesLimit,
                $"Too many new sets of recovery codes; at most {limit} an hour.", time, cancellationToken);

            var user = await userPool.GetUserAsync(accessToken, cancellationToken);
            if (!user.HasSoftwareToken) throw LifecycleRules.NotEnrolled();
            return await _issuer.IssueAsync(policy.TenantId, sub, policy.Policy.Recovery.CodeCount, cancellationToken);
        }, cancellationToken);
}
