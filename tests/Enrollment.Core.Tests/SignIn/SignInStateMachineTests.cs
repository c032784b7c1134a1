using Enrollment.Core.SignIn;
using Enrollment.Core.UserPool;

namespace Enrollment.Core.Tests.SignIn;

public sealed class SignInStateMachineTests
{
    /// <summary>"SRP_A+ PASSWORD_VERIFIER+ CUSTOM_CHALLENGE-:RECOVERY_CODE": name, + passed / - failed, :metadata.</summary>
    public static IReadOnlyList<SessionEntry> Session(string text) =>
        text.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(part =>
        {
            var (head, metadata) = part.Split(':') is [var h, var m] ? (h, m) : (part, null);
            return new SessionEntry(head[..^1], head[^1] == '+', metadata);
        }).ToList();

    private static SignInFacts Facts(bool enrolled = false, bool required = false, bool inGrace = false, bool recovery = true, int maxFailures = 3) => new()
    {
        Enrolled = enrolled,
        MfaRequired = required,
        InGrace = inGrace,
        RecoveryEnabled = recovery,
        MaxChallengeFailures = maxFailures,
    };

    private const string Password = "SRP_A+ PASSWORD_VERIFIER+";

    [Theory]
    // The password steps, decided from session[] alone.
    [InlineData("", "FAIL", SignInReasons.UnsupportedFlow)]
    [InlineData("CUSTOM_CHALLENGE+:ENROLLMENT_GATE", "FAIL", SignInReasons.UnsupportedFlow)]
    [InlineData("SRP_A+", "PASSWORD_VERIFIER", SignInReasons.PasswordVerifierNext)]
    [InlineData("SRP_A-", "FAIL", SignInReasons.PasswordFailed)]
    [InlineData("SRP_A+ PASSWORD_VERIFIER-", "FAIL", SignInReasons.PasswordFailed)]
    [InlineData("SRP_A+ SRP_A+", "FAIL", SignInReasons.UnexpectedChallenge)]
    [InlineData("SRP_A+ CUSTOM_CHALLENGE+:RECOVERY_CODE", "FAIL", SignInReasons.UnexpectedChallenge)]
    [InlineData(Password + " SOFTWARE_TOKEN_MFA-", "FAIL", SignInReasons.MfaFailed)]
    [InlineData(Password + " CUSTOM_CHALLENGE+:SOMETHING_ELSE", "FAIL", SignInReasons.UnexpectedChallenge)]
    [InlineData(Password + " CUSTOM_CHALLENGE+", "FAIL", SignInReasons.UnexpectedChallenge)]
    [InlineData(Password + " PASSWORD_VERIFIER+", "FAIL", SignInReasons.UnexpectedChallenge)]
    public void Session_alone_settles_the_password_steps_and_bad_sequences(string session, string decision, string reason)
    {
        var settled = SignInStateMachine.DecideFromSession(Session(session));
        Assert.NotNull(settled);
        Assert.Equal(decision, settled.ToString());
        Assert.Equal(reason, settled.Reason);
        // Decide agrees whatever the facts.
        Assert.Equal(settled, SignInStateMachine.Decide(Session(session), SignInMode.Recovery, userNotFound: false, Facts(enrolled: true)));
    }

    [Fact]
    public void After_the_password_the_facts_decide()
    {
        Assert.Null(SignInStateMachine.DecideFromSession(Session(Password)));
        Assert.Null(SignInStateMachine.DecideFromSession(Session(Password + " SOFTWARE_TOKEN_MFA+ DEVICE_SRP_AUTH+ DEVICE_PASSWORD_VERIFIER+")));
    }

    [Theory]
    // Enrolled user: tokens; Cognito's TOTP comes before or after, and either order gives the same answer.
    [InlineData(Password, true, false, false, "ISSUE_TOKENS", SignInReasons.MfaEnrolled)]
    [InlineData(Password + " SOFTWARE_TOKEN_MFA+", true, false, false, "ISSUE_TOKENS", SignInReasons.MfaEnrolled)]
    [InlineData(Password + " SOFTWARE_TOKEN_MFA+", true, true, false, "ISSUE_TOKENS", SignInReasons.MfaEnrolled)]
    // "Enrolled" is the service's fact (Cognito's factor weighed by the policy), not the session's alone: a factor the
    // tenant does not count (set up around the policy) meets the gate even after Cognito's TOTP passed.
    [InlineData(Password + " SOFTWARE_TOKEN_MFA+", false, true, false, "CUSTOM_CHALLENGE:ENROLLMENT_GATE", SignInReasons.EnrollmentGateAsked)]
    // Tenant without the requirement.
    [InlineData(Password, false, false, false, "ISSUE_TOKENS", SignInReasons.MfaNotRequired)]
    // The enrollment gate.
    [InlineData(Password, false, true, true, "CUSTOM_CHALLENGE:ENROLLMENT_GATE", SignInReasons.EnrollmentGateAsked)]
    [InlineData(Password, false, true, false, "CUSTOM_CHALLENGE:ENROLLMENT_GATE", SignInReasons.EnrollmentGateAsked)]
    [InlineData(Password + " CUSTOM_CHALLENGE+:ENROLLMENT_GATE", false, true, true, "ISSUE_TOKENS", SignInReasons.EnrollmentGrace)]
    [InlineData(Password + " CUSTOM_CHALLENGE+:ENROLLMENT_GATE", false, true, false, "ISSUE_TOKENS", SignInReasons.EnrollmentOnly)]
    [InlineData(Password + " CUSTOM_CHALLENGE-:ENROLLMENT_GATE", false, true, true, "CUSTOM_CHALLENGE:ENROLLMENT_GATE", SignInReasons.ChallengeRetry)]
    public void Normal_sign_in(string session, bool enrolled, bool required, bool inGrace, string decision, string reason)
    {
        var result = SignInStateMachine.Decide(Session(session), SignInMode.Normal, userNotFound: false, Facts(enrolled, required, inGrace));
        Assert.Equal(decision, result.ToString());
        Assert.Equal(reason, result.Reason);
    }

    [Theory]
    [InlineData(Password, "CUSTOM_CHALLENGE:RECOVERY_CODE", SignInReasons.RecoveryCodeAsked)]
    [InlineData(Password + " CUSTOM_CHALLENGE-:RECOVERY_CODE", "CUSTOM_CHALLENGE:RECOVERY_CODE", SignInReasons.ChallengeRetry)]
    [InlineData(Password + " CUSTOM_CHALLENGE-:RECOVERY_CODE CUSTOM_CHALLENGE+:RECOVERY_CODE", "ISSUE_TOKENS", SignInReasons.Recovered)]
    [InlineData(Password + " CUSTOM_CHALLENGE-:RECOVERY_CODE CUSTOM_CHALLENGE-:RECOVERY_CODE CUSTOM_CHALLENGE-:RECOVERY_CODE", "FAIL", SignInReasons.ChallengeFailureLimit)]
    // Cognito's TOTP passed after all: the authenticator is not lost, no code is asked.
    [InlineData(Password + " SOFTWARE_TOKEN_MFA+", "ISSUE_TOKENS", SignInReasons.MfaEnrolled)]
    public void Recovery_sign_in(string session, string decision, string reason)
    {
        var result = SignInStateMachine.Decide(Session(session), SignInMode.Recovery, userNotFound: false, Facts(enrolled: true, required: true));
        Assert.Equal(decision, result.ToString());
        Assert.Equal(reason, result.Reason);
    }

    [Fact]
    public void A_recovery_once_started_continues_without_the_mode_and_a_late_mode_is_ignored()
    {
        var started = Session(Password + " CUSTOM_CHALLENGE-:RECOVERY_CODE");
        Assert.Equal("CUSTOM_CHALLENGE:RECOVERY_CODE", SignInStateMachine.Decide(started, SignInMode.Normal, false, Facts(enrolled: true)).ToString());

        var gated = Session(Password + " CUSTOM_CHALLENGE+:ENROLLMENT_GATE");
        Assert.Equal("ISSUE_TOKENS", SignInStateMachine.Decide(gated, SignInMode.Recovery, false, Facts(required: true, inGrace: true)).ToString());
    }

    [Fact]
    public void Recovery_is_refused_where_the_tenant_issues_no_codes()
    {
        var result = SignInStateMachine.Decide(Session(Password), SignInMode.Recovery, false, Facts(enrolled: true, recovery: false));
        Assert.Equal(SignInReasons.RecoveryDisabled, result.Reason);
        Assert.True(result.FailAuthentication);
    }

    [Fact]
    public void Wrong_answers_of_any_challenge_count_together_up_to_the_limit()
    {
        var facts = Facts(required: true, inGrace: true, maxFailures: 2);
        var one = Session(Password + " CUSTOM_CHALLENGE-:ENROLLMENT_GATE");
        Assert.Equal(SignInReasons.ChallengeRetry, SignInStateMachine.Decide(one, SignInMode.Normal, false, facts).Reason);
        var two = Session(Password + " CUSTOM_CHALLENGE-:ENROLLMENT_GATE CUSTOM_CHALLENGE-:ENROLLMENT_GATE");
        Assert.Equal(SignInReasons.ChallengeFailureLimit, SignInStateMachine.Decide(two, SignInMode.Normal, false, facts).Reason);
    }

    [Theory]
    [InlineData(Password, false, SignInMode.Normal)]
    [InlineData(Password + " CUSTOM_CHALLENGE-:ENROLLMENT_GATE", false, SignInMode.Normal)]
    [InlineData(Password, true, SignInMode.Recovery)]
    [InlineData(Password + " CUSTOM_CHALLENGE-:RECOVERY_CODE", true, SignInMode.Recovery)]
    public void An_unknown_user_meets_the_same_challenges_and_fails_only_at_the_end(string session, bool enrolledPeer, SignInMode mode)
    {
        // The unknown user is compared with the known user it looks like: unenrolled (gate) or asking recovery.
        var known = SignInStateMachine.Decide(Session(session), mode, userNotFound: false, Facts(enrolled: enrolledPeer, required: true, inGrace: true));
        var unknown = SignInStateMachine.Decide(Session(session), mode, userNotFound: true, Facts(enrolled: false, required: true, inGrace: true));
        Assert.Equal(known, unknown);
        Assert.Equal(SignInDecisionKind.Challenge, unknown.Kind);

        var end = mode == SignInMode.Recovery ? " CUSTOM_CHALLENGE+:RECOVERY_CODE" : " CUSTOM_CHALLENGE+:ENROLLMENT_GATE";
        var last = SignInStateMachine.Decide(Session(session + end), mode, userNotFound: true, Facts(required: true, inGrace: true));
        Assert.True(last.FailAuthentication);
        Assert.Equal(SignInReasons.UserNotFound, last.Reason);
        Assert.True(SignInStateMachine.Decide(Session(session + end), mode, false, Facts(enrolled: enrolledPeer, required: true, inGrace: true)).IssueTokens);
    }

    [Fact]
    public void Create_names_the_same_custom_challenge_Define_asked_for_in_every_reachable_session()
    {
        var steps = new[] { "SOFTWARE_TOKEN_MFA+", "CUSTOM_CHALLENGE+:RECOVERY_CODE", "CUSTOM_CHALLENGE-:RECOVERY_CODE", "CUSTOM_CHALLENGE+:ENROLLMENT_GATE", "CUSTOM_CHALLENGE-:ENROLLMENT_GATE" };
        var sessions = new List<string> { Password };
        for (var depth = 0; depth < 3; depth++)
            sessions.AddRange(sessions.Where(s => s.Split(' ').Length == 2 + depth).SelectMany(s => steps.Select(x => s + " " + x)).ToList());

        var checkedCount = 0;
        foreach (var session in sessions)
        foreach (var mode in new[] { SignInMode.Normal, SignInMode.Recovery })
        foreach (var enrolled in new[] { false, true })
        foreach (var required in new[] { false, true })
        foreach (var userNotFound in new[] { false, true })
        {
            var decision = SignInStateMachine.Decide(Session(session), mode, userNotFound, Facts(enrolled, required, inGrace: true, maxFailures: 10));
            if (decision.CustomChallenge is null) continue;
            Assert.Equal(decision.CustomChallenge, SignInStateMachine.CustomChallengeFor(Session(session), mode));
            checkedCount++;
        }
        Assert.True(checkedCount > 50, $"only {checkedCount} custom decisions were compared");
    }

    [Theory]
    [InlineData("recovery", SignInMode.Recovery)]
    [InlineData(" Recovery ", SignInMode.Recovery)]
    [InlineData("normal", SignInMode.Normal)]
    [InlineData("", SignInMode.Normal)]
    public void The_mode_comes_from_client_metadata(string value, SignInMode expected)
    {
        Assert.Equal(expected, SignInModes.FromClientMetadata(new Dictionary<string, string> { ["signInMode"] = value }));
        Assert.Equal(SignInMode.Normal, SignInModes.FromClientMetadata(null));
    }

    [Fact]
    public void Only_the_password_verifier_step_goes_unaudited()
    {
        Assert.False(SignInDecision.Challenge(ChallengeNames.PasswordVerifier, SignInReasons.PasswordVerifierNext).IsAudited);
        Assert.True(SignInDecision.Custom(CustomChallenges.RecoveryCode, SignInReasons.RecoveryCodeAsked).IsAudited);
        Assert.Equal("DENIED", SignInDecision.Fail(SignInReasons.ChallengeFailureLimit).Outcome);
        Assert.Equal("FAILED", SignInDecision.Fail(SignInReasons.PasswordFailed).Outcome);
        Assert.Equal("SUCCESS", SignInDecision.Tokens(SignInReasons.MfaEnrolled).Outcome);
    }

    [Theory]
    [InlineData(Password + " CUSTOM_CHALLENGE-:ENROLLMENT_GATE")]
    [InlineData(Password + " CUSTOM_CHALLENGE-:ENROLLMENT_GATE CUSTOM_CHALLENGE-:ENROLLMENT_GATE CUSTOM_CHALLENGE-:ENROLLMENT_GATE")]
    [InlineData(Password + " CUSTOM_CHALLENGE+:RECOVERY_CODE")]
    [InlineData(Password + " CUSTOM_CHALLENGE-:RECOVERY_CODE")]
    [InlineData("SRP_A+ PASSWORD_VERIFIER-")]
    public void What_is_decided_without_the_user_is_what_Decide_says_whatever_the_user_facts(string session)
    {
        foreach (var mode in new[] { SignInMode.Normal, SignInMode.Recovery })
        {
            var early = SignInStateMachine.DecideWithoutUser(Session(session), mode, userNotFound: false, maxChallengeFailures: 3, recoveryEnabled: true);
            Assert.NotNull(early);
            foreach (var (enrolled, required, inGrace) in new[] { (true, true, false), (false, true, true), (false, false, false), (false, true, false) })
                Assert.Equal(early, SignInStateMachine.Decide(Session(session), mode, userNotFound: false, Facts(enrolled, required, inGrace)));
        }
        // The decisions that need the user are left to Decide.
        Assert.Null(SignInStateMachine.DecideWithoutUser(Session(Password), SignInMode.Normal, false, 3, true));
    }

    [Fact]
    public void Sessions_the_flow_cannot_produce_fail_before_anything_is_read()
    {
        var longest = Password + " DEVICE_SRP_AUTH+ DEVICE_PASSWORD_VERIFIER+ SOFTWARE_TOKEN_MFA+"
            + string.Concat(Enumerable.Repeat(" CUSTOM_CHALLENGE-:ENROLLMENT_GATE", 10)) + " CUSTOM_CHALLENGE+:ENROLLMENT_GATE CUSTOM_CHALLENGE+:RECOVERY_CODE";
        Assert.Equal(SignInStateMachine.MaxSessionEntries, Session(longest).Count);
        Assert.Null(SignInStateMachine.DecideFromSession(Session(longest)));
        Assert.Equal(SignInReasons.SessionTooLong, SignInStateMachine.DecideFromSession(Session(longest + " CUSTOM_CHALLENGE-:ENROLLMENT_GATE"))!.Reason);
        Assert.Equal(SignInReasons.UnexpectedChallenge, SignInStateMachine.DecideFromSession(Session(Password + " SOFTWARE_TOKEN_MFA+ SOFTWARE_TOKEN_MFA+"))!.Reason);
        Assert.Equal(SignInReasons.UnexpectedChallenge,
            SignInStateMachine.DecideFromSession(Session(Password + " CUSTOM_CHALLENGE+:ENROLLMENT_GATE CUSTOM_CHALLENGE+:ENROLLMENT_GATE"))!.Reason);
    }
}
