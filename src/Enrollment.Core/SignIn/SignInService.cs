using System.Globalization;
using Enrollment.Core.Audit;
using Enrollment.Core.Enrollment;
using Enrollment.Core.Errors;
using Enrollment.Core.Policy;

namespace Enrollment.Core.SignIn;

/// <summary>
/// The three custom-auth triggers' work around the pure <see cref="SignInStateMachine"/>: read the tenant and the
/// user (DynamoDB only, through the ports), decide, record the decision. Every decision about a user is one
/// AUTH_CHALLENGE audit event with its outcome and reason, never the answer.
/// A port failure (ServiceUnavailable) is recorded when the audit store still takes it, then thrown: the
/// functions turn it into a failed sign-in without saying why.
/// </summary>
public sealed class SignInService(
    ITenantPolicyStore policies,
    IEnrollmentRecordStore enrollments,
    IGracePeriodStore grace,
    IRecoverySignInStore recoveries,
    IRecoveryCodeVerifier recoveryCodes,
    IRateLimiter limiter,
    AuditTrail audit,
    TimeProvider time)
{
    /// <summary>Counter of wrong recovery codes per user and hour (the tenant's <c>recovery.maxAttemptsPerHour</c>), across sign-ins.</summary>
    public const string RecoveryFailureAction = "RECOVERY_FAILURE";

    /// <summary>Longer answers are wrong without asking the verifier.</summary>
    public const int MaxAnswerLength = 256;

    /// <summary>Define auth challenge.</summary>
    public async Task<SignInDecision> DefineAsync(SignInAttempt attempt, CancellationToken cancellationToken)
    {
        var settled = SignInStateMachine.DecideFromSession(attempt.Session);
        if (settled is { IsAudited: false }) return settled; // SRP_A -> PASSWORD_VERIFIER: no read, no record

        CompiledTenantPolicy? policy = null;
        try
        {
            policy = await policies.FindByClientIdAsync(attempt.ClientId, cancellationToken);
            var decision = settled
                ?? (policy is null
                    ? SignInDecision.Fail(SignInReasons.TenantNotFound)
                    : SignInStateMachine.Decide(attempt.Session, attempt.Mode, attempt.UserNotFound, await FactsAsync(policy, attempt, cancellationToken)));
            await audit.RecordOutcomeAsync(AuditEventType.AuthChallenge, attempt.Caller, policy, decision.Outcome, decision.Reason, cancellationToken);
            return decision;
        }
        catch (EnrollmentException failure)
        {
            await RecordFailureQuietlyAsync(attempt, policy, failure, cancellationToken);
            throw;
        }
    }

    /// <summary>
    /// Create auth challenge: the parameters of the custom challenge Define asked for. Records nothing: the
    /// decision to ask was Define's, and is recorded there.
    /// </summary>
    public async Task<CustomChallengeSpec> CreateAsync(SignInAttempt attempt, CancellationToken cancellationToken)
    {
        var name = SignInStateMachine.CustomChallengeFor(attempt.Session, attempt.Mode);
        var policy = await policies.FindByClientIdAsync(attempt.ClientId, cancellationToken)
            ?? throw EnrollmentException.Denied(DenialReason.TenantNotFound, "No tenant is configured for this app client.");

        var remaining = Math.Max(0, policy.Policy.SignIn.MaxChallengeFailures - SignInStateMachine.Failures(attempt.Session));
        var publicParameters = new Dictionary<string, string>
        {
            [CustomChallenges.ChallengeParameter] = name,
            [CustomChallengeSpec.AttemptsRemaining] = remaining.ToString(CultureInfo.InvariantCulture),
        };
        if (name == CustomChallenges.EnrollmentGate)
        {
            var window = await GraceAsync(policy, attempt, cancellationToken);
            publicParameters[CustomChallengeSpec.MfaEnrollmentRequired] = "true";
            publicParameters[CustomChallengeSpec.Access] = window.IsActiveAt(time.GetUtcNow())
                ? CustomChallengeSpec.FullAccess
                : CustomChallengeSpec.EnrollmentOnlyAccess;
            publicParameters[CustomChallengeSpec.GraceEndsAt] = Iso(window.EndsAt);
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
            policy = await policies.FindByClientIdAsync(attempt.ClientId, cancellationToken);
            var (correct, reason) = policy is null
                ? (false, SignInReasons.TenantNotFound)
                : challenge switch
                {
                    CustomChallenges.RecoveryCode => await VerifyRecoveryCodeAsync(policy, attempt, answer, cancellationToken),
                    CustomChallenges.EnrollmentGate => string.Equals(answer?.Trim(), CustomChallenges.GateAnswer, StringComparison.OrdinalIgnoreCase)
                        ? (true, SignInReasons.EnrollmentGateAcknowledged)
                        : (false, SignInReasons.WrongAnswer),
                    _ => (false, SignInReasons.UnexpectedChallenge),
                };
            var outcome = correct ? AuditOutcome.Success : SignInReasons.IsDenial(reason) ? AuditOutcome.Denied : AuditOutcome.Failed;
            await audit.RecordOutcomeAsync(AuditEventType.AuthChallenge, attempt.Caller, policy, outcome, reason, cancellationToken);
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
        // Reserve a failure first, so parallel guesses cannot pass the hourly limit; a right code gives it back.
        var failures = RateLimitCounter.Hourly(policy.TenantId, RateLimitSubject.User(attempt.Username), RecoveryFailureAction, time.GetUtcNow());
        if (!(await limiter.TryAcquireAsync(failures, policy.Policy.Recovery.MaxAttemptsPerHour, cancellationToken)).Allowed)
            return (false, SignInReasons.RecoveryAttemptLimit);

        var code = answer?.Trim();
        var wellFormed = !string.IsNullOrEmpty(code) && code.Length <= MaxAnswerLength && policy.Policy.Recovery.CodeCount > 0;
        // An unknown user's code goes through the same calls, so the answer takes as long; it is never right.
        var consumed = wellFormed && await recoveryCodes.TryConsumeAsync(policy.TenantId, attempt.Username, code!, cancellationToken);
        if (!consumed || attempt.UserNotFound) return (false, SignInReasons.WrongAnswer);

        await limiter.ReleaseAsync(failures, cancellationToken);
        // Before answering true: the tokens this sign-in gets must already be for enrollment only.
        await recoveries.RecordAsync(policy.TenantId, attempt.Username, time.GetUtcNow(), cancellationToken);
        return (true, SignInReasons.RecoveryCodeAccepted);
    }

    private async Task<SignInFacts> FactsAsync(CompiledTenantPolicy policy, SignInAttempt attempt, CancellationToken cancellationToken)
    {
        var rules = policy.Policy;
        var enrolled = await enrollments.GetAsync(policy.TenantId, attempt.Username, cancellationToken) is not null;
        var inGrace = false;
        if (rules.Mfa.Required && !enrolled)
            inGrace = (await GraceAsync(policy, attempt, cancellationToken)).IsActiveAt(time.GetUtcNow());
        return new SignInFacts
        {
            MaxChallengeFailures = rules.SignIn.MaxChallengeFailures,
            MfaRequired = rules.Mfa.Required,
            Enrolled = enrolled,
            RecoveryEnabled = rules.Recovery.CodeCount > 0,
            InGrace = inGrace,
        };
    }

    /// <summary>The user's grace window; for an unknown user, the one a first sign-in would start, without recording it.</summary>
    private async Task<GraceWindow> GraceAsync(CompiledTenantPolicy policy, SignInAttempt attempt, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var startedAt = attempt.UserNotFound ? now : await grace.GetOrStartAsync(policy.TenantId, attempt.Username, now, cancellationToken);
        return GraceWindow.From(startedAt, policy.Policy.Mfa.GracePeriodDays);
    }

    /// <summary>Records the failure if the audit store takes it; the caller rethrows the original failure either way.</summary>
    private async Task RecordFailureQuietlyAsync(SignInAttempt attempt, CompiledTenantPolicy? policy, EnrollmentException failure, CancellationToken cancellationToken)
    {
        try
        {
            await audit.RecordAsync(AuditEventType.AuthChallenge, attempt.Caller, policy, failure, cancellationToken);
        }
        catch (EnrollmentException)
        {
            // The audit store is down too; the sign-in fails anyway and the function logs it.
        }
    }

    internal static string Iso(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
