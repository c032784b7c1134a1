using Enrollment.Core.Audit;
using Enrollment.Core.Binding;
using Enrollment.Core.Recovery;
using Enrollment.Core.Totp;
using Enrollment.Core.UserPool;

namespace Enrollment.Core.Removal;

/// <summary>
/// What follows a lost authenticator, for the recovery route and the admin reset alike: remove the factor (by the
/// pool's username), sign the user out everywhere (the lost phone's sessions end with it), then delete the enrollment
/// record and recovery codes (by the immutable sub). The grace start is kept: no removal starts a grace period again.
/// </summary>
/// <remarks>
/// A failed removal throws and leaves the record and codes, so a retry is still possible. A failed sign-out is
/// recorded, not thrown: the factor is gone, and the clean-up still runs.
/// </remarks>
public sealed class LostFactorRemoval(IUserPoolAdmin userPool, IEnrollmentRecordStore records, IRecoveryCodeStore recoveryCodes)
{
    public async Task<FactorRemoval> RemoveAsync(string tenantId, UserBinding user, IDestructiveProgress progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(progress);
        if (progress.IntentAt is null) throw new InvalidOperationException("A factor is removed only after its intent is audited.");

        var removal = await userPool.RemoveSoftwareTokenAsync(user.Username, cancellationToken);
        progress.FactorRemoval = FactorRemovalNames.Of(removal);
        progress.SignOut = await GlobalSignOut.AttemptAsync(userPool, user.Username, cancellationToken);
        await Task.WhenAll(
            records.DeleteAsync(tenantId, user.Sub, cancellationToken),
            recoveryCodes.DeleteAllAsync(tenantId, user.Sub, cancellationToken));
        return removal;
    }
}
