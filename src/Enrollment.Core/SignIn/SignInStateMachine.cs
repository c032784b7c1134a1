using Enrollment.Core.Policy;
using static Enrollment.Core.UserPool.ChallengeNames;

namespace Enrollment.Core.SignIn;

/// <summary>
/// Define auth challenge as a pure function of <c>session[]</c> (the model of amazon-cognito-passwordless-auth),
/// the mode the app asked for, <c>userNotFound</c>, and the facts about tenant and user. No I/O, no clock.
///
/// The flow: SRP_A, then PASSWORD_VERIFIER (so Cognito's own TOTP applies to enrolled users), then, where the
/// tenant's policy or the app asks, our custom challenges, each tagged in <c>challengeMetadata</c>. Cognito may put
/// SOFTWARE_TOKEN_MFA into the session before calling Define again, or ask it after Define issued tokens, or not
/// call Define again at all: every decision here is the same in each order, so all of them work.
/// </summary>
public static class SignInStateMachine
{
    /// <summary>
    /// The longest <c>session[]</c> this flow can produce: SRP_A and PASSWORD_VERIFIER, the two device steps, one
    /// Cognito MFA step (a failed one ends the sign-in), at most <see cref="PolicyValidator.MaxChallengeFailuresCeiling"/>
    /// wrong custom answers (the limit then fails the sign-in), and one passed answer to each of our two challenges.
    /// A longer session was not produced by this flow and fails before anything is read.
    /// </summary>
    public const int MaxSessionEntries = 2 + 2 + 1 + PolicyValidator.MaxChallengeFailuresCeiling + 2;

    /// <summary>
    /// The decisions <c>session[]</c> settles alone: an unsupported start, a failed or unexpected step, and
    /// SRP_A to PASSWORD_VERIFIER. Null once the password (and any Cognito MFA) has passed: the rest needs facts.
    /// </summary>
    public static SignInDecision? DecideFromSession(IReadOnlyList<SessionEntry> session)
    {
        // Passwordless custom auth would get no Cognito TOTP: this flow always starts with the password.
        if (session.Count == 0 || session[0].ChallengeName != SrpA)
            return SignInDecision.Fail(SignInReasons.UnsupportedFlow);
        if (session.Count > MaxSessionEntries)
            return SignInDecision.Fail(SignInReasons.SessionTooLong);

        foreach (var entry in session)
        {
            if (entry.ChallengeName == CustomChallenge || entry.ChallengeResult) continue;
            return SignInDecision.Fail(entry.ChallengeName switch
            {
                SrpA or PasswordVerifier or DeviceSrpAuth or DevicePasswordVerifier => SignInReasons.PasswordFailed,
                _ when IsCognitoMfa(entry.ChallengeName) => SignInReasons.MfaFailed,
                _ => SignInReasons.UnexpectedChallenge,
            });
        }

        if (session.Count == 1)
            return SignInDecision.Challenge(PasswordVerifier, SignInReasons.PasswordVerifierNext);
        if (session[1].ChallengeName != PasswordVerifier)
            return SignInDecision.Fail(SignInReasons.UnexpectedChallenge);
        var seen = new HashSet<string>(StringComparer.Ordinal) { SrpA, PasswordVerifier };
        for (var i = 2; i < session.Count; i++)
        {
            var entry = session[i];
            var expected = entry.ChallengeName == CustomChallenge
                ? CustomChallenges.IsKnown(entry.ChallengeMetadata)
                : IsCognitoStep(entry.ChallengeName);
            if (!expected) return SignInDecision.Fail(SignInReasons.UnexpectedChallenge);
            // Cognito asks each of its own steps once, and each of our challenges passes once: a repeat is not this flow.
            var once = entry.ChallengeName == CustomChallenge ? entry.ChallengeResult ? "PASSED:" + entry.ChallengeMetadata : null : entry.ChallengeName;
            if (once is not null && !seen.Add(once)) return SignInDecision.Fail(SignInReasons.UnexpectedChallenge);
        }
        return null;
    }

    public static SignInDecision Decide(IReadOnlyList<SessionEntry> session, SignInMode mode, bool userNotFound, SignInFacts facts) =>
        DecideWithoutUser(session, mode, userNotFound, facts.MaxChallengeFailures, facts.RecoveryEnabled)
        ?? DecideForUser(session, userNotFound, facts);

    /// <summary>
    /// Everything <see cref="Decide"/> settles with the tenant's rules alone (no read about the user: no enrollment
    /// record, no AdminGetUser, no grace start): a settled session, the failure limit, a retry, the recovery path.
    /// Null when the decision needs the user's facts. <see cref="Decide"/> is this, then the rest, so they agree.
    /// </summary>
    public static SignInDecision? DecideWithoutUser(IReadOnlyList<SessionEntry> session, SignInMode mode, bool userNotFound,
        int maxChallengeFailures, bool recoveryEnabled)
    {
        if (DecideFromSession(session) is { } settled) return settled;

        // Every wrong custom answer counts, whichever challenge it was: failures look the same.
        if (Failures(session) >= maxChallengeFailures)
            return SignInDecision.Fail(SignInReasons.ChallengeFailureLimit);

        var last = session[^1];
        if (last.ChallengeName == CustomChallenge && !last.ChallengeResult)
            return SignInDecision.Custom(last.ChallengeMetadata!, SignInReasons.ChallengeRetry);

        // Cognito's own MFA passed: the user has the authenticator, so recovery is moot.
        if (IsRecovery(session, mode) && !CognitoMfaPassed(session))
        {
            if (!recoveryEnabled) return SignInDecision.Fail(SignInReasons.RecoveryDisabled);
            if (!Passed(session, CustomChallenges.RecoveryCode))
                return SignInDecision.Custom(CustomChallenges.RecoveryCode, SignInReasons.RecoveryCodeAsked);
            return userNotFound ? SignInDecision.Fail(SignInReasons.UserNotFound) : SignInDecision.Tokens(SignInReasons.Recovered);
        }
        return null;
    }

    /// <summary>SOFTWARE_TOKEN_MFA passed in this sign-in: Cognito itself proved the user holds a software token.</summary>
    public static bool SoftwareTokenPassed(IReadOnlyList<SessionEntry> session) =>
        session.Any(e => e.ChallengeName == SoftwareTokenMfa && e.ChallengeResult);

    private static SignInDecision DecideForUser(IReadOnlyList<SessionEntry> session, bool userNotFound, SignInFacts facts)
    {
        // Facts.Enrolled is Cognito's answer (this session's SOFTWARE_TOKEN_MFA, else AdminGetUser), weighed by the
        // tenant's policy (a factor set up around the policy counts only where the tenant accepts it).
        var enrolled = facts.Enrolled;
        if (!enrolled && facts.MfaRequired && !Passed(session, CustomChallenges.EnrollmentGate))
            return SignInDecision.Custom(CustomChallenges.EnrollmentGate, SignInReasons.EnrollmentGateAsked);

        // An unknown user went through exactly what an unenrolled user goes through; only the end differs.
        if (userNotFound) return SignInDecision.Fail(SignInReasons.UserNotFound);
        return SignInDecision.Tokens(
            enrolled ? SignInReasons.MfaEnrolled
            : !facts.MfaRequired ? SignInReasons.MfaNotRequired
            : facts.InGrace ? SignInReasons.EnrollmentGrace
            : SignInReasons.EnrollmentOnly);
    }

    /// <summary>
    /// Which of our challenges a CUSTOM_CHALLENGE that Define asked for is, from <c>session[]</c> and the mode
    /// alone (Create receives the same session and clientMetadata as the Define call before it). Agrees with
    /// <see cref="Decide"/> whenever Decide asks for a custom challenge.
    /// </summary>
    public static string CustomChallengeFor(IReadOnlyList<SessionEntry> session, SignInMode mode)
    {
        if (session.Count > 0 && session[^1] is { ChallengeName: CustomChallenge, ChallengeResult: false } last
            && CustomChallenges.IsKnown(last.ChallengeMetadata))
            return last.ChallengeMetadata!;
        return IsRecovery(session, mode) && !CognitoMfaPassed(session) && !Passed(session, CustomChallenges.RecoveryCode)
            ? CustomChallenges.RecoveryCode
            : CustomChallenges.EnrollmentGate;
    }

    /// <summary>Wrong custom answers so far in this sign-in.</summary>
    public static int Failures(IReadOnlyList<SessionEntry> session) =>
        session.Count(e => e.ChallengeName == CustomChallenge && !e.ChallengeResult);

    /// <summary>
    /// A recovery sign-in: the app asked for it before any custom challenge (its PASSWORD_VERIFIER answer carried
    /// the mode), or one was already started. A mode sent later is ignored, so a sign-in cannot change course.
    /// </summary>
    private static bool IsRecovery(IReadOnlyList<SessionEntry> session, SignInMode mode) =>
        session.Any(e => e.ChallengeName == CustomChallenge && e.ChallengeMetadata == CustomChallenges.RecoveryCode)
        || (mode == SignInMode.Recovery && !session.Any(e => e.ChallengeName == CustomChallenge));

    private static bool CognitoMfaPassed(IReadOnlyList<SessionEntry> session) =>
        session.Any(e => IsCognitoMfa(e.ChallengeName) && e.ChallengeResult);

    private static bool Passed(IReadOnlyList<SessionEntry> session, string customChallenge) =>
        session.Any(e => e.ChallengeName == CustomChallenge && e.ChallengeResult && e.ChallengeMetadata == customChallenge);
}
