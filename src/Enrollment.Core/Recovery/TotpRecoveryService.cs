using Enrollment.Core.Audit;
using Enrollment.Core.Enrollment;
using Enrollment.Core.Errors;
using Enrollment.Core.Policy;

namespace Enrollment.Core.Recovery;

/// <summary>
/// A lost authenticator, undone with one recovery code: the code is consumed exactly once, the user's
/// software token is removed, the user is signed out everywhere (the lost phone's refresh token stops
/// working), and the next sign-in leads to a new enrollment.
/// </summary>
/// <remarks>
/// The answer never says whether the user exists, has codes, or offered a right code: once the limits are
/// passed, every attempt runs the same reads and writes up to the consume and returns the same accepted
/// answer, and what happens after a right code (the user pool call, the clean-up) cannot change it. The
/// outcome is in the audit event; the legitimate user sees it at the next sign-in (no TOTP challenge).
/// </remarks>
public sealed class TotpRecoveryService(
    TenantResolver tenants,
    IRateLimiter limiter,
    IRecoveryCodeStore recoveryCodes,
    IUserPoolAdmin userPoolAdmin,
    IEnrollmentRecordStore records,
    AuditTrail audit,
    TimeProvider time)
{
    public const string RecoveryAction = "RECOVERY";

    private readonly AuditedAttemptRunner _attempts = new(tenants, audit);

    /// <param name="caller">With the (unverified) username and app client id of the body.</param>
    /// <param name="recoveryCode">Already shaped by <see cref="RecoveryCode.Normalize"/>.</param>
    public Task RecoverAsync(CallerContext caller, string recoveryCode, CancellationToken cancellationToken) =>
        _attempts.RunAsync(AuditEventType.TotpRecovery, caller, async attempt =>
        {
            var username = caller.Username ?? throw EnrollmentException.Invalid("username is required.", "username");
            var policy = await _attempts.ResolveAndGateAsync(attempt, cancellationToken);
            LifecycleRules.RequireRecoveryCodesOn(policy.Policy);

            // The source first, so one source spraying usernames does not create a counter per username. Both
            // count whether or not the user exists, so a 429 says nothing about the user either.
            await AcquireAsync(policy, RateLimitSubjects.ForSource(caller.SourceIp), cancellationToken);
            await AcquireAsync(policy, RateLimitSubject.User(username), cancellationToken);

            if (!await recoveryCodes.TryConsumeAsync(policy.TenantId, username, recoveryCode, cancellationToken))
            {
                attempt.UndisclosedFailure = new EnrollmentException(ErrorCode.CodeMismatch, "The recovery code was not accepted.");
                return true;
            }

            try
            {
                attempt.FactorRemoval = FactorRemovalNames.Of(await userPoolAdmin.RemoveSoftwareTokenAsync(username, cancellationToken));
                // The lost phone's sessions end with its factor. A failure is recorded, not thrown: the factor is
                // gone whatever happens here, and the clean-up still runs.
                attempt.SignOut = await GlobalSignOut.AttemptAsync(userPoolAdmin, username, cancellationToken);
                await Task.WhenAll(
                    records.DeleteAsync(policy.TenantId, username, cancellationToken),
                    recoveryCodes.DeleteAllAsync(policy.TenantId, username, cancellationToken));
            }
            catch (EnrollmentException failure)
            {
                // The code is spent either way; telling this failure apart would tell a guesser the code was right.
                attempt.UndisclosedFailure = failure;
            }
            return true;
        }, cancellationToken);

    private async Task AcquireAsync(CompiledTenantPolicy policy, RateLimitSubject subject, CancellationToken cancellationToken)
    {
        var window = RateLimitCounter.Hourly(policy.TenantId, subject, RecoveryAction, time.GetUtcNow());
        if (!(await limiter.TryAcquireAsync(window, policy.Policy.Recovery.MaxAttemptsPerHour, cancellationToken)).Allowed)
            throw new EnrollmentException(ErrorCode.RateLimited, "Too many recovery attempts; try again later.",
                DenialReason.RecoveryAttemptLimit, window.SecondsUntilReset(time.GetUtcNow()));
    }
}
