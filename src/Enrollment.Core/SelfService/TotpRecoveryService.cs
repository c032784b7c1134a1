using Enrollment.Core.Audit;
using Enrollment.Core.Binding;
using Enrollment.Core.Errors;
using Enrollment.Core.Identity;
using Enrollment.Core.Policy;
using Enrollment.Core.Recovery;
using Enrollment.Core.Removal;
using Enrollment.Core.UserPool;

namespace Enrollment.Core.SelfService;

/// <summary>
/// A lost authenticator, undone with one recovery code (POST /v1/recovery/totp, no token): the code is consumed
/// exactly once, the user's software token is removed, the user is signed out everywhere (the lost phone's refresh
/// token stops working), and the next sign-in leads to a new enrollment.
/// </summary>
/// <remarks>
/// <para>Nothing of the body is trusted: the app client id only chooses whose per-source limit applies (client ids
/// are public); the username is looked up in the pool (AdminGetUser), and its state is read by the returned sub, only
/// when the user's tenant binding is that client's tenant. Until a right code proves something, the audit item names
/// no user and no per-user counter is spent (the route only reads the shared counter, <see cref="RecoveryAttempts"/>).</para>
/// <para>The answer never says whether the user exists, has codes, or offered a right code: once the source limit is
/// passed, every attempt makes the same calls up to the consume (one conditional write, on a key that cannot exist
/// when there is no such user) and returns the same accepted answer. The outcome is in the audit item; the legitimate
/// user sees it at the next sign-in (no TOTP challenge).</para>
/// </remarks>
public sealed class TotpRecoveryService(
    TenantResolver tenants,
    RecoveryAttempts limits,
    IRecoveryCodeStore recoveryCodes,
    IUserPoolAdmin userPoolAdmin,
    LostFactorRemoval removal,
    DestructiveAction destructive,
    AuditTrail audit)
{
    private readonly AuditedAttemptRunner _attempts = new(tenants, audit);

    /// <param name="caller">With the (unverified) username and app client id of the body.</param>
    /// <param name="recoveryCode">Already shaped by <see cref="RecoveryCode.Normalize"/>.</param>
    public Task RecoverAsync(CallerContext caller, string recoveryCode, CancellationToken cancellationToken)
    {
        var username = caller.Username ?? throw EnrollmentException.Invalid("username is required.", "username");
        // The audit item names the user only once a code proved who this is.
        var anonymous = caller with { Username = null, UserSub = null };
        return _attempts.RunAsync(AuditEventType.TotpRecovery, anonymous, async attempt =>
        {
            var policy = await AuditedAttemptRunner.GateAsync(attempt, tenants.ResolveAsync(anonymous, cancellationToken));
            LifecycleRules.RequireRecoveryCodesOn(policy.Policy);

            // The source first: a source spraying usernames is stopped before any user is looked up.
            if (!await limits.TryAcquireSourceAsync(policy, caller.SourceIp, cancellationToken))
                throw new EnrollmentException(ErrorCode.RateLimited, "Too many recovery attempts; try again later.",
                    ErrorReasons.RecoveryAttemptLimit, limits.SecondsUntilReset());

            var user = await userPoolAdmin.FindUserAsync(username, cancellationToken);
            var member = user is not null && string.Equals(user.TenantId, policy.TenantId, StringComparison.Ordinal);
            // Read for everyone (a counter no user has, when there is no such member), so the calls do not tell users apart.
            var exhausted = await limits.IsUserExhaustedAsync(policy, member ? user!.Sub : RecoveryAttempts.NoUser, cancellationToken) && member;
            var tried = member && !exhausted ? user!.Sub : RecoveryAttempts.NoUser;

            if (!await recoveryCodes.TryConsumeAsync(policy.TenantId, tried, recoveryCode, cancellationToken))
            {
                attempt.UndisclosedFailure = exhausted
                    ? new EnrollmentException(ErrorCode.RateLimited, "The user's recovery attempts are used up.", ErrorReasons.RecoveryAttemptLimit)
                    : new EnrollmentException(ErrorCode.CodeMismatch, "The recovery code was not accepted.");
                return true;
            }

            // A right code of this user: from here on the audit names them.
            attempt.Caller = caller with { Username = user!.Username, UserSub = user.Sub };
            await destructive.BeginAsync(attempt, AuditEventType.TotpRecovery, attempt.Caller, policy, admin: null, cancellationToken);
            try
            {
                await removal.RemoveAsync(policy.TenantId, user, attempt, cancellationToken);
            }
            catch (EnrollmentException failure)
            {
                // The code is spent either way; telling this failure apart would tell a guesser the code was right.
                attempt.UndisclosedFailure = failure;
            }
            return true;
        }, cancellationToken);
    }
}
