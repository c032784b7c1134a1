using Enrollment.Core.Audit;
using Enrollment.Core.Errors;
using Enrollment.Core.SignIn;

namespace Enrollment.Core.Admin;

/// <summary>
/// POST /v1/admin/tenants/{tenantId}/users/{username}/grace: an administrator grants a user of the tenant a new grace
/// period, starting now, of the policy's <c>mfa.gracePeriodDays</c>. It is the only way a grace period starts again:
/// recovery, reset and disable keep the recorded start (issue 8, item 6). Membership as for the reset (the user's
/// binding); audited as GRACE_GRANTED with the administrator as actor. CONFLICT GRACE_PERIOD_DISABLED when the tenant
/// does not require MFA or has no grace period (there is nothing to grant).
/// </summary>
public sealed class GraceGrantService(AuditedAdminAction audited, AdminUserLookup users, IGracePeriodStore grace, TimeProvider time)
{

    public Task<GraceGrantResult> GrantAsync(AdminCaller caller, string tenantId, string? username, CancellationToken cancellationToken)
    {
        var target = AdminInput.Username(username, "username");
        return audited.RunAsync(AuditEventType.GraceGranted, caller, tenantId, new AuditSubject(target, null), async (admin, record) =>
        {
            var mfa = admin.Policy.Policy.Mfa;
            if (!mfa.Required || mfa.GracePeriodDays <= 0)
                throw new EnrollmentException(ErrorCode.Conflict, "This tenant has no grace period to grant (mfa.required with mfa.gracePeriodDays).", ErrorReasons.GracePeriodDisabled);

            var user = await users.MemberAsync(admin, target, cancellationToken);
            record.Subject = new AuditSubject(user.Username, user.Sub);
            var window = GraceWindow.From(time.GetUtcNow(), mfa.GracePeriodDays);
            await grace.GrantAsync(admin.TenantId, user.Sub, window.StartedAt, cancellationToken);
            record.SuccessReason = AuditEventType.GraceGranted;
            return new GraceGrantResult(user.Username, window.StartedAt, window.EndsAt);
        }, cancellationToken);
    }
}
