using Enrollment.Core.Audit;
using Enrollment.Core.Removal;
using Enrollment.Core.UserPool;

namespace Enrollment.Core.Admin;

/// <summary>
/// POST /v1/admin/tenants/{tenantId}/users/{username}/totp/reset: an administrator removes a user's authenticator
/// (the lost-phone case), and the user enrolls again at the next sign-in.
/// <para>
/// Tenant membership is the user's binding, not our records: the immutable custom:tenant_id attribute, read with
/// AdminGetUser (<see cref="AdminUserLookup"/>). Only an operator sets it, when the user is created, so no
/// administrator can pull another tenant's user into reach. Not a member (no such user, another tenant's user, a user
/// without a binding) is NOT_FOUND, the same for all three.
/// </para>
/// Order: the intent audit item (if it cannot be written, nothing is removed: SERVICE_UNAVAILABLE), then
/// <see cref="LostFactorRemoval"/>: the factor, a global sign-out, the record and recovery codes (by the user's sub).
/// The grace start is kept. A failure of the sign-out does not fail the reset: the answer says <c>signedOut: false</c>
/// and the outcome item's signOut names the failure. Audited as TOTP_ADMIN_RESET with the administrator as actor.
/// </summary>
public sealed class TotpResetService(AuditedAdminAction audited, AdminUserLookup users, LostFactorRemoval removal, DestructiveAction destructive)
{
    public const string NotFoundMessage = AdminUserLookup.NotFoundMessage;

    public Task<TotpResetResult> ResetAsync(AdminCaller caller, string tenantId, string? username, CancellationToken cancellationToken)
    {
        var target = AdminInput.Username(username, "username");
        return audited.RunAsync(AuditEventType.TotpAdminReset, caller, tenantId, new AuditSubject(target, null), async (admin, record) =>
        {
            var user = await users.MemberAsync(admin, target, cancellationToken);
            record.Subject = new AuditSubject(user.Username, user.Sub);

            var subject = caller.Caller with { Username = user.Username, UserSub = user.Sub };
            await destructive.BeginAsync(record, AuditEventType.TotpAdminReset, subject, admin.Policy, caller.Caller, cancellationToken);
            var factor = await removal.RemoveAsync(admin.TenantId, user, record, cancellationToken);
            record.SuccessReason = record.FactorRemoval;
            return new TotpResetResult(user.Username, factor, record.SignOut == GlobalSignOut.SignedOut);
        }, cancellationToken);
    }
}
