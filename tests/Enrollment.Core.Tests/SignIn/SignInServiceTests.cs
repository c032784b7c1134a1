using Enrollment.Core.Audit;
using Enrollment.Core.Errors;
using Enrollment.Core.SignIn;
using Enrollment.Core.UserPool;
using Enrollment.Testing;
using static Enrollment.Core.Tests.SignIn.SignInStateMachineTests;

namespace Enrollment.Core.Tests.SignIn;

public sealed class SignInServiceTests
{
    private const string Password = "SRP_A+ PASSWORD_VERIFIER+";
    private readonly SignInWorld _world = new();

    [Fact]
    public async Task The_first_call_reads_and_records_nothing()
    {
        var decision = await _world.SignIn.DefineAsync(SignInWorld.Attempt("enrolled-user", Session("SRP_A+")), TestContext.Current.CancellationToken);
        Assert.Equal(ChallengeNames.PasswordVerifier, decision.ChallengeName);
        Assert.Empty(_world.Calls.Calls);
        Assert.Empty(_world.Audit.Events);
    }

    [Fact]
    public async Task Every_later_decision_is_one_audit_event_with_outcome_and_reason()
    {
        var decision = await _world.SignIn.DefineAsync(SignInWorld.Attempt("enrolled-user", Session(Password)), TestContext.Current.CancellationToken);
        Assert.True(decision.IssueTokens);
        var audit = Assert.Single(_world.Audit.Events);
        Assert.Equal((AuditEventType.AuthChallenge, AuditOutcome.Success, SignInReasons.MfaEnrolled, "demo", "enrolled-user"),
            (audit.EventType, audit.Outcome, audit.Reason, audit.TenantId, audit.Username));

        await _world.SignIn.DefineAsync(SignInWorld.Attempt("enrolled-user", Session("SRP_A+ PASSWORD_VERIFIER-")), TestContext.Current.CancellationToken);
        Assert.Equal((AuditOutcome.Failed, SignInReasons.PasswordFailed), (_world.Audit.Events[^1].Outcome, _world.Audit.Events[^1].Reason));
    }

    [Fact]
    public async Task The_grace_period_starts_at_the_first_sign_in_once_and_ends_after_the_tenant_days()
    {
        var first = await _world.SignIn.DefineAsync(SignInWorld.Attempt("new-user", Session(Password + " CUSTOM_CHALLENGE+:ENROLLMENT_GATE")), TestContext.Current.CancellationToken);
        Assert.Equal(SignInReasons.EnrollmentGrace, first.Reason);
        Assert.Equal(SignInWorld.Start, _world.Grace.StartOf("demo", SignInWorld.Sub("new-user")));

        _world.Time.Now = SignInWorld.Start.AddDays(13).AddHours(23);
        var later = await _world.SignIn.DefineAsync(SignInWorld.Attempt("new-user", Session(Password + " CUSTOM_CHALLENGE+:ENROLLMENT_GATE")), TestContext.Current.CancellationToken);
        Assert.Equal(SignInReasons.EnrollmentGrace, later.Reason);

        _world.Time.Now = SignInWorld.Start.AddDays(14);
        var over = await _world.SignIn.DefineAsync(SignInWorld.Attempt("new-user", Session(Password + " CUSTOM_CHALLENGE+:ENROLLMENT_GATE")), TestContext.Current.CancellationToken);
        Assert.Equal(SignInReasons.EnrollmentOnly, over.Reason);
        Assert.Equal(1, _world.Grace.StartsWritten);
        Assert.Equal(SignInWorld.Start, _world.Grace.StartOf("demo", SignInWorld.Sub("new-user")));
    }

    [Fact]
    public async Task The_gate_challenge_says_whether_the_tokens_will_be_full_or_for_enrollment_only()
    {
        var within = await _world.SignIn.CreateAsync(SignInWorld.Attempt("new-user", Session(Password)), TestContext.Current.CancellationToken);
        Assert.Equal(CustomChallenges.EnrollmentGate, within.Name);
        Assert.Equal("FULL", within.PublicParameters["access"]);
        Assert.Equal("2026-03-15T10:00:00Z", within.PublicParameters["graceEndsAt"]);
        Assert.Equal("ACK", within.PublicParameters["acknowledgeWith"]);
        Assert.Equal("3", within.PublicParameters["attemptsRemaining"]);
        Assert.Equal(CustomChallenges.EnrollmentGate, within.PrivateParameters["challenge"]);

        var late = await _world.SignIn.CreateAsync(SignInWorld.Attempt("late-user", Session(Password + " CUSTOM_CHALLENGE-:ENROLLMENT_GATE")), TestContext.Current.CancellationToken);
        Assert.Equal("ENROLLMENT_ONLY", late.PublicParameters["access"]);
        Assert.Equal("2", late.PublicParameters["attemptsRemaining"]);
    }

    [Fact]
    public async Task A_recovery_code_is_consumed_once_and_marks_the_user_for_enrollment()
    {
        var attempt = SignInWorld.Attempt("enrolled-user", Session(Password), SignInMode.Recovery);
        var challenge = await _world.SignIn.CreateAsync(attempt, TestContext.Current.CancellationToken);
        Assert.Equal(CustomChallenges.RecoveryCode, challenge.Name);
        Assert.DoesNotContain(challenge.PublicParameters.Values, v => v.Contains(SignInWorld.RecoveryCode1));
        Assert.DoesNotContain(challenge.PrivateParameters.Values, v => v.Contains(SignInWorld.RecoveryCode1));

        Assert.True(await _world.SignIn.VerifyAsync(attempt, CustomChallenges.RecoveryCode, " " + SignInWorld.RecoveryCode1 + " ", TestContext.Current.CancellationToken));
        Assert.Equal(SignInWorld.Start, await _world.Recoveries.GetLastAsync("demo", SignInWorld.Sub("enrolled-user"), TestContext.Current.CancellationToken));
        Assert.False(await _world.SignIn.VerifyAsync(attempt, CustomChallenges.RecoveryCode, SignInWorld.RecoveryCode1, TestContext.Current.CancellationToken));
        Assert.Equal(1, _world.RecoveryCodes.Remaining("demo", SignInWorld.Sub("enrolled-user")));
        Assert.Equal([SignInReasons.RecoveryCodeAccepted, SignInReasons.WrongAnswer], _world.Audit.Events.Select(e => e.Reason));
    }

    [Fact]
    public async Task Concurrent_answers_with_one_code_succeed_once()
    {
        var attempt = SignInWorld.Attempt("enrolled-user", Session(Password), SignInMode.Recovery);
        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() => _world.SignIn.VerifyAsync(attempt, CustomChallenges.RecoveryCode, SignInWorld.RecoveryCode2, TestContext.Current.CancellationToken))));
        Assert.Equal(1, results.Count(r => r));
    }

    [Fact]
    public async Task Wrong_recovery_codes_are_limited_per_hour_across_sign_ins_and_a_right_one_then_is_not_tried()
    {
        var attempt = SignInWorld.Attempt("enrolled-user", Session(Password), SignInMode.Recovery);
        for (var i = 0; i < 5; i++)
            Assert.False(await _world.SignIn.VerifyAsync(attempt, CustomChallenges.RecoveryCode, $"WRONG-{i}", TestContext.Current.CancellationToken));
        var callsBefore = _world.RecoveryCodes.Calls;
        Assert.False(await _world.SignIn.VerifyAsync(attempt, CustomChallenges.RecoveryCode, SignInWorld.RecoveryCode1, TestContext.Current.CancellationToken));
        Assert.Equal(callsBefore, _world.RecoveryCodes.Calls);
        Assert.Equal((AuditOutcome.Denied, SignInReasons.RecoveryAttemptLimit), (_world.Audit.Events[^1].Outcome, _world.Audit.Events[^1].Reason));

        _world.Time.Now = SignInWorld.Start.AddHours(1);
        Assert.True(await _world.SignIn.VerifyAsync(attempt, CustomChallenges.RecoveryCode, SignInWorld.RecoveryCode1, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task An_unknown_user_is_asked_the_same_and_never_answers_right_and_leaves_no_grace_start()
    {
        var known = await _world.SignIn.CreateAsync(SignInWorld.Attempt("new-user", Session(Password)), TestContext.Current.CancellationToken);
        var unknown = await _world.SignIn.CreateAsync(SignInWorld.Attempt("ghost", Session(Password), userNotFound: true), TestContext.Current.CancellationToken);
        Assert.Equal(known.PublicParameters, unknown.PublicParameters);
        Assert.DoesNotContain("demo|ghost", _world.Grace.Users);

        // Even the code of a real user, given under an unknown name, goes through the verifier and is wrong.
        _world.RecoveryCodes.Issue("demo", SignInWorld.Sub("ghost"), "GHOST-CODE");
        var attempt = SignInWorld.Attempt("ghost", Session(Password), SignInMode.Recovery, userNotFound: true);
        Assert.False(await _world.SignIn.VerifyAsync(attempt, CustomChallenges.RecoveryCode, "GHOST-CODE", TestContext.Current.CancellationToken));
        Assert.True(await _world.SignIn.VerifyAsync(attempt, CustomChallenges.EnrollmentGate, "ack", TestContext.Current.CancellationToken));
    }

    [Theory]
    [InlineData(CustomChallenges.EnrollmentGate, "ACK", true)]
    [InlineData(CustomChallenges.EnrollmentGate, " ack ", true)]
    [InlineData(CustomChallenges.EnrollmentGate, "yes", false)]
    [InlineData(CustomChallenges.EnrollmentGate, null, false)]
    [InlineData("SOMETHING_ELSE", "ACK", false)]
    [InlineData(null, "ACK", false)]
    [InlineData(CustomChallenges.RecoveryCode, "", false)]
    public async Task Verify_answers(string? challenge, string? answer, bool correct)
    {
        var attempt = SignInWorld.Attempt("enrolled-user", Session(Password));
        Assert.Equal(correct, await _world.SignIn.VerifyAsync(attempt, challenge, answer, TestContext.Current.CancellationToken));
        Assert.Single(_world.Audit.Events);
    }

    [Fact]
    public async Task An_oversized_code_is_wrong_without_asking_the_verifier()
    {
        var attempt = SignInWorld.Attempt("enrolled-user", Session(Password), SignInMode.Recovery);
        Assert.False(await _world.SignIn.VerifyAsync(attempt, CustomChallenges.RecoveryCode, new string('A', 257), TestContext.Current.CancellationToken));
        Assert.Equal(0, _world.RecoveryCodes.Calls);
    }

    [Fact]
    public async Task An_app_client_of_no_tenant_fails_the_sign_in_and_is_recorded_as_denied()
    {
        var decision = await _world.SignIn.DefineAsync(SignInWorld.Attempt("enrolled-user", Session(Password), clientId: "stranger"), TestContext.Current.CancellationToken);
        Assert.True(decision.FailAuthentication);
        var audit = Assert.Single(_world.Audit.Events);
        Assert.Equal(("demo", AuditOutcome.Denied, SignInReasons.ClientOfAnotherTenant), (audit.TenantId, audit.Outcome, audit.Reason));
        Assert.False(await _world.SignIn.VerifyAsync(SignInWorld.Attempt("enrolled-user", clientId: "stranger"), CustomChallenges.EnrollmentGate, "ACK", TestContext.Current.CancellationToken));
        await Assert.ThrowsAsync<EnrollmentException>(() => _world.SignIn.CreateAsync(SignInWorld.Attempt("x", Session(Password), clientId: "stranger"), TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task A_store_that_cannot_be_reached_is_recorded_and_thrown()
    {
        _world.Enrollments.Down = true;
        var failure = await Assert.ThrowsAsync<EnrollmentException>(() => _world.SignIn.DefineAsync(SignInWorld.Attempt("enrolled-user", Session(Password)), TestContext.Current.CancellationToken));
        Assert.Equal(ErrorCode.ServiceUnavailable, failure.Code);
        Assert.Equal((AuditOutcome.Failed, "SERVICE_UNAVAILABLE"), (_world.Audit.Events[^1].Outcome, _world.Audit.Events[^1].Reason));

        _world.Audit.Down = true;
        failure = await Assert.ThrowsAsync<EnrollmentException>(() => _world.SignIn.DefineAsync(SignInWorld.Attempt("enrolled-user", Session(Password)), TestContext.Current.CancellationToken));
        Assert.Equal(ErrorCode.ServiceUnavailable, failure.Code);
    }

    [Fact]
    public async Task A_recovery_that_cannot_be_marked_is_not_accepted()
    {
        _world.Recoveries.Down = true;
        var attempt = SignInWorld.Attempt("enrolled-user", Session(Password), SignInMode.Recovery);
        await Assert.ThrowsAsync<EnrollmentException>(() => _world.SignIn.VerifyAsync(attempt, CustomChallenges.RecoveryCode, SignInWorld.RecoveryCode1, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task No_answer_reaches_an_audit_item()
    {
        var attempt = SignInWorld.Attempt("enrolled-user", Session(Password), SignInMode.Recovery);
        await _world.SignIn.VerifyAsync(attempt, CustomChallenges.RecoveryCode, "WRONG-GUESS-123", TestContext.Current.CancellationToken);
        await _world.SignIn.VerifyAsync(attempt, CustomChallenges.RecoveryCode, SignInWorld.RecoveryCode1, TestContext.Current.CancellationToken);
        var text = string.Join("\n", _world.Audit.Events.Select(e => e.ToString()));
        Assert.DoesNotContain("WRONG-GUESS-123", text);
        Assert.DoesNotContain(SignInWorld.RecoveryCode1, text);
    }
}
