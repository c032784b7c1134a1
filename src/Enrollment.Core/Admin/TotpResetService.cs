using Enrollment.Core.Audit;
using Enrollment.Core.Enrollment;
using Enrollment.Core.Errors;
using Enrollment.Core.Recovery;

namespace Enrollment.Core.Admin;

/// <summary>
/// POST /v1/admin/tenants/{tenantId}/users/{username}/totp/reset: an administrator removes a user's authenticator
/// (the lost-phone case), and the user enrolls again at the next sign-in.
/// <para>
/// Tenant membership rule: users live in one pool shared by every tenant, and a user is not bound to a tenant by
/// Cognito. A user is a member of tenant T, for this route, when our user state table holds an enrollment record
/// under T: the user enrolled an authenticator through one of T's app clients. Only the user can create that
/// record (it takes their token or sign-in session), so no administrator can pull another tenant's user into reach.
/// Not provable (no record under T: unknown user, user of another tenant, or enrolled before records existed)
/// is NOT_FOUND, the same for all three, so the answer does not reveal users of other tenants.
/// </para>
/// Order: the factor first (the part that matters), then a global sign-out (the lost phone's sessions end), then the
/// record and the user's recovery codes (they belonged to the removed authenticator and may be on the lost phone; a
/// new set comes with the next enrollment). A failure of the removal leaves the record, so a retry is still allowed.
/// A failure of the sign-out does not fail the reset: the factor is gone, so the answer is a success that says
/// <c>signedOut: false</c>, and the audit item's signOut names the failure. Audited as TOTP_ADMIN_RESET with the
/// administrator as actor, the removal as reason and factorRemoval, and signOut.
/// </summary>
public sealed class TotpResetService(AuditedAdminAction audited, IEnrollmentRecordStore records, IRecoveryCodeStore recoveryCodes, IUserPoolAdmin userPool)
{
    public const string NotFoundMessage = "No user of this tenant with an enrolled authenticator has this username.";

    public Task<TotpResetResult> ResetAsync(AdminCaller caller, string tenantId, string? username, CancellationToken cancellationToken)
    {
        var target = AdminInput.Username(username, "username");
        return audited.RunAsync(AuditEventType.TotpAdminReset, caller, tenantId, new AuditSubject(target, null), async (admin, record) =>
        {
            var enrollment = await records.GetAsync(admin.TenantId, target, cancellationToken)
                ?? throw new EnrollmentException(ErrorCode.NotFound, NotFoundMessage);
            record.Subject = new AuditSubject(enrollment.Username, enrollment.UserSub);

            var removal = await userPool.RemoveSoftwareTokenAsync(enrollment.Username, cancellationToken);
            record.FactorRemoval = FactorRemovalNames.Of(removal);
            // Recorded, not thrown: the factor is gone, and the answer must say so (with signedOut false).
            record.SignOut = await GlobalSignOut.AttemptAsync(userPool, enrollment.Username, cancellationToken);
            await Task.WhenAll(
                records.DeleteAsync(admin.TenantId, enrollment.Username, cancellationToken),
                recoveryCodes.DeleteAllAsync(admin.TenantId, enrollment.Username, cancellationToken));
            record.SuccessReason = record.FactorRemoval;
            return new TotpResetResult(enrollment.Username, removal, record.SignOut == GlobalSignOut.SignedOut);
        }, cancellationToken);
    }
}
