using System.Globalization;
using Enrollment.Core.Audit;
using Enrollment.Core.Errors;
using Enrollment.Core.Limits;
using Enrollment.Core.Policy;
using Enrollment.Core.Recovery;
using Enrollment.Core.Time;
using Enrollment.Core.Totp;
using Enrollment.Core.UserPool;

namespace Enrollment.Core.SignIn;

/// <summary>
/// The three custom-auth triggers' work around the pure <see cref="SignInStateMachine"/>: resolve the tenant from the
/// user's binding, read what the decision needs (DynamoDB; Cognito's AdminGetUser for the factor), decide, record the
/// decision. Every decision about a user is one AUTH_CHALLENGE audit event with its outcome and reason, never the
/// answer. A port failure (an <see cref="EnrollmentException"/>) is recorded when the audit store still takes it,
/// then thrown: the functions turn it into a failed sign-in without saying why.
/// </summary>
public sealed class SignInService
{
    /// <summary>Longer answers are wrong without asking the verifier.</summary>
    public const int MaxAnswerLength = 256;

    private readonly IRecoverySignInStore _recoveries;
    private readonly IRecoveryCodeVerifier _recoveryCodes;
    private readonly IRateLimiter _limiter;
    private readonly IEnrollmentRecordStore _enrollments;
    private readonly ISignInUserPool _userPool;
    private readonly AuditTrail _audit;
    private readonly TimeProvider _time;
    private readonly SignInTenantResolver _tenants;
    private readonly FactorReader _factors;
    private readonly SignInGrace _grace;

    public SignInService(ITenantPolicyStore policies, IEnrollmentRecordStore enrollments, IGracePeriodStore grace, IRecoverySignInStore recoveries,
        IRecoveryCodeVerifier recoveryCodes, IRateLimiter limiter, ISignInUserPool userPool, AuditTrail audit, TimeProvider time)
    {
        _enrollments = enrollments;
        _recoveries = recoveries;
        _recoveryCodes = recoveryCodes;
        _limiter = limiter;
        _userPool = userPool;
        _audit = audit;
        _time = time;
        _tenants = new SignInTenantResolver(policies);
        _factors = new FactorReader(enrollments, userPool, audit);
        _grace = new SignInGrace(grace, time);
    }

    /// <summary>Define auth challenge.</summary>
    public async Task<SignInDecision> DefineAsync(SignInAttempt attempt, CancellationToken cancellationToken)
    {
        var settled = SignInStateMachine.DecideFromSession(attempt.Session);
        if (settled is { IsAudited: false }) return settled; // SRP_A -> PASSWORD_VERIFIER: no read, no record

        CompiledTenantPolicy? policy = null;
        try
        {
            var tenant = await _tenants.ResolveAsync(attempt, cancellationToken);
            policy = tenant.Policy;
            var decision = settled
                ?? (tenant.IsRefused ? SignInDecision.Fail(tenant.Refusal!) : await DecideAsync(tenant.Policy!, attempt, cancellationToken));
            string? signOut = null;
            if (decision.Reason == SignInReasons.Recovered)
                (decision, signOut) = await SignOutEverywhereAsync(attempt, decision, cancellationToken);
            await _audit.RecordOutcomeAsync(AuditEventType.AuthChallenge, attempt.Caller, policy, decision.Outcome, decision.Reason, cancellationToken, signOut: signOut);
            return decision;
        }
        catch (EnrollmentException failure)
        {
            await RecordFailureQuietlyAsync(attempt, policy, failure, cancellationToken);
            throw;
        }
    }

    private async Task<SignInDecision> DecideAsync(CompiledTenantPolicy policy, SignInAttempt attempt, CancellationToken cancellationToken)
    {
        var rules = policy.Policy;
        var recoveryEnabled = rules.Recovery.CodeCount > 0;
        // The failure limit, a retry and the recovery path need nothing about the user: no read, no Cognito call.
        if (SignInStateMachine.DecideWithoutUser(attempt.Session, attempt.Mode, attempt.UserNotFound, rules.SignIn.MaxChallengeFailures, recoveryEnabled) is { } early)
            return early;

        var standing = await _factors.ReadAsync(policy, attempt, SignInStateMachine.SoftwareTokenPassed(attempt.Session), cancellationToken);
        var inGrace = false;
        if (rules.Mfa.Required && !standing.Enrolled)
            inGrace = (await _grace.WindowAsync(policy, attempt, standing.Record is not null, cancellationToken)).IsActiveAt(_time.GetUtcNow());
        return SignInStateMachine.Decide(attempt.Session, attempt.Mode, attempt.UserNotFound, new SignInFacts
        {
            MaxChallengeFailures = rules.SignIn.MaxChallengeFailures,
            MfaRequired = rules.Mfa.Required,
            Enrolled = standing.Enrolled,
            RecoveryEnabled = recoveryEnabled,
            InGrace = inGrace,
        });
    }

    /// <summary>
    /// A recovery sign-in ends every other session of the user before its own tokens are issued (the lost phone's
    /// refresh token stops working). Fails closed: without the sign-out, no tokens.
    /// </summary>
    private async Task<(SignInDecision Decision, string SignOut)> SignOutEverywhereAsync(SignInAttempt attempt, SignInDecision tokens, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(attempt.UserPoolId))
            throw EnrollmentException.Invalid("The event has no userPoolId.", "userPoolId");
        try
        {
            await _userPool.SignOutEverywhereAsync(attempt.UserPoolId, attempt.Username, cancellationToken);
            return (tokens, GlobalSignOut.SignedOut);
        }
        catch (EnrollmentException failure)
        {
            return (SignInDecision.Fail(SignInReasons.SignOutFailed), failure.Reason ?? ErrorCodeNames.Of(failure.Code));
        }
    }

    /// <summary>
    /// Create auth challenge: the parameters of the custom challenge Define asked for. Records nothing: the
    /// decision to ask was Define's, and is recorded there.
    /// </summary>
    public async Task<CustomChallengeSpec> CreateAsync(SignInAttempt attempt, CancellationToken cancellationToken)
    {
        var name = SignInStateMachine.CustomChallengeFor(attempt.Session, attempt.Mode);
        var tenant = await _tenants.ResolveAsync(attempt, cancellationToken);
        if (tenant.IsRefused) throw EnrollmentException.Denied(tenant.Refusal!, "The sign-in has no tenant this app client belongs to.");
        var policy = tenant.Policy!;

        var remaining = Math.Max(0, policy.Policy.SignIn.MaxChallengeFailures - SignInStateMachine.Failures(attempt.Session));
        var publicParameters = new Dictionary<string, string>
        {
            [CustomChallenges.ChallengeParameter] = name,
            [CustomChallengeSpec.AttemptsRemaining] = remaining.ToString(CultureInfo.InvariantCulture),
        };
        if (name == CustomChallenges.EnrollmentGate)
        {
            // Define asked for the gate, so the user is not enrolled; a record then means the factor was removed.
            var hasRecord = !attempt.UserNotFound && await _enrollments.GetAsync(policy.TenantId, attempt.StateKey, cancellationToken) is not null;
            var window = await _grace.WindowAsync(policy, attempt, hasRecord, cancellationToken);
            publicParameters[CustomChallengeSpec.MfaEnrollmentRequired] = "true";
            publicParameters[CustomChallengeSpec.Access] = window.IsActiveAt(_time.GetUtcNow())
                ? CustomChallengeSpec.FullAccess
                : CustomChallengeSpec.EnrollmentOnlyAccess;
            publicParameters[CustomChallengeSpec.GraceEndsAt] = IsoTime.FormatSeconds(window.EndsAt);
            publicParameters[CustomChallengeSpec.AcknowledgeWith] = CustomChallenges.GateAnswer;
        }
        var privateParameters = new Dictionary<string, string> { [CustomChallenges.ChallengeParameter] = name };
        return new CustomChallengeSpec(name, publicParameters, privateParameters);
    }

    /// <summary>
    /// Verify auth challenge response. <paramref name="challenge"/> is the private parameter Create set. A recovery
    /// code is consumed at most once (the verifier's conditional write); an unknown user's answer is never right.
    /// </summary>
    public async Task<bool> VerifyAsync(SignInAttempt attempt, string? challenge, string? answer, CancellationToken cancellationToken)
    {
        CompiledTenantPolicy? policy = null;
        try
        {
            var tenant = await _tenants.ResolveAsync(attempt, cancellationToken);
            policy = tenant.Policy;
            var (correct, reason) = tenant.IsRefused
                ? (false, tenant.Refusal!)
                : challenge switch
                {
                    CustomChallenges.RecoveryCode => await VerifyRecoveryCodeAsync(policy!, attempt, answer, cancellationToken),
                    CustomChallenges.EnrollmentGate => string.Equals(answer?.Trim(), CustomChallenges.GateAnswer, StringComparison.OrdinalIgnoreCase)
                        ? (true, SignInReasons.EnrollmentGateAcknowledged)
                        : (false, SignInReasons.WrongAnswer),
                    _ => (false, SignInReasons.UnexpectedChallenge),
                };
            var outcome = correct ? AuditOutcome.Success : SignInReasons.IsDenial(reason) ? AuditOutcome.Denied : AuditOutcome.Failed;
            await _audit.RecordOutcomeAsync(AuditEventType.AuthChallenge, attempt.Caller, policy, outcome, reason, cancellationToken);
            return correct;
        }
        catch (EnrollmentException failure)
        {
            await RecordFailureQuietlyAsync(attempt, policy, failure, cancellationToken);
            throw;
        }
    }

    private async Task<(bool Correct, string Reason)> VerifyRecoveryCodeAsync(CompiledTenantPolicy policy, SignInAttempt attempt, string? answer, CancellationToken cancellationToken)
    {
        // The recovery route's counter too (one budget for both paths). Reserve a failure first, so parallel guesses
        // cannot pass the hourly limit; a right code gives it back.
        var failures = RecoveryAttempts.ForUser(policy.TenantId, attempt.StateKey, _time.GetUtcNow());
        if (!(await _limiter.TryAcquireAsync(failures, policy.Policy.Recovery.MaxAttemptsPerHour, cancellationToken)).Allowed)
            return (false, SignInReasons.RecoveryAttemptLimit);

        var code = answer?.Trim();
        var wellFormed = !string.IsNullOrEmpty(code) && code.Length <= MaxAnswerLength && policy.Policy.Recovery.CodeCount > 0;
        // An unknown user's code goes through the same calls (on a key no user has), so the answer takes as long; it is never right.
        var consumed = wellFormed && await _recoveryCodes.TryConsumeAsync(policy.TenantId, attempt.StateKey, code!, cancellationToken);
        if (!consumed || attempt.UserNotFound) return (false, SignInReasons.WrongAnswer);

        await _limiter.ReleaseAsync(failures, cancellationToken);
        // Before answering true: the tokens this sign-in gets must already be for enrollment only.
        await _recoveries.RecordAsync(policy.TenantId, attempt.StateKey, _time.GetUtcNow(), cancellationToken);
        return (true, SignInReasons.RecoveryCodeAccepted);
    }

    /// <summary>Records the failure if the audit store takes it; the caller rethrows the original failure either way.</summary>
    private async Task RecordFailureQuietlyAsync(SignInAttempt attempt, CompiledTenantPolicy? policy, EnrollmentException failure, CancellationToken cancellationToken)
    {
        try
        {
            await _audit.RecordAsync(AuditEventType.AuthChallenge, attempt.Caller, policy, failure, cancellationToken);
        }
        catch (EnrollmentException)
        {
            // The audit store is down too; the sign-in fails anyway and the function logs it.
        }
    }
}
