using Enrollment.Core.Audit;
using Enrollment.Core.Binding;
using Enrollment.Core.Errors;
using Enrollment.Core.Identity;
using Enrollment.Core.Policy;
using Enrollment.Core.Recovery;
using Enrollment.Core.Removal;
using Enrollment.Core.SelfService;
using Enrollment.Core.Totp;
using Enrollment.Core.UserPool;
using Enrollment.Testing;

namespace Enrollment.Core.Tests.SelfService;

public class TotpRecoveryServiceTests
{
    private static readonly TenantPolicy Acme = new()
    {
        TenantId = "acme",
        AppClientIds = ["client-1"],
        Recovery = new RecoveryRules { CodeCount = 5, MaxAttemptsPerHour = 3 },
    };

    private readonly CallLog _log = new();
    private readonly FakeAuditLog _audit;
    private readonly FakeRecordStore _records;
    private readonly FakeRecoveryCodeStore _codes;
    private readonly FakeUserPoolAdmin _admin;
    private readonly FakeLimiter _limiter;
    private readonly TestClock _time = new(new DateTimeOffset(2026, 11, 21, 10, 15, 0, TimeSpan.Zero));
    private readonly TotpRecoveryService _service;

    public TotpRecoveryServiceTests()
    {
        _audit = new FakeAuditLog(_log);
        _records = new FakeRecordStore(_log);
        _codes = new FakeRecoveryCodeStore(_log);
        _admin = new FakeUserPoolAdmin(_log);
        _limiter = new FakeLimiter(_log);
        _admin.AddUser("jane", "sub-jane", "acme");
        _admin.AddUser("bob", "sub-bob", "acme");
        _service = Service(Acme);
    }

    private TotpRecoveryService Service(TenantPolicy policy)
    {
        var trail = new AuditTrail(_audit, _time);
        return new(new TenantResolver(new FakePolicyStore(_log, policy)), new RecoveryAttempts(_limiter, _time), _codes, _admin,
            new LostFactorRemoval(_admin, _records, _codes), new DestructiveAction(trail), trail);
    }

    private static CallerContext Caller(string username = "jane", string ip = "203.0.113.7") =>
        new() { RequestId = "req-1", ClientId = "client-1", Username = username, SourceIp = ip };

    private async Task<IReadOnlyList<string>> EnrollAsync(string sub = "sub-jane")
    {
        await _records.PutAsync(new EnrollmentRecord("acme", "jane", sub, "Pixel 9", _time.Now), CancellationToken.None);
        return (await new RecoveryCodeIssuer(_codes, _time).IssueAsync("acme", sub, 5, CancellationToken.None)).Codes;
    }

    [Fact]
    public async Task A_right_code_writes_the_intent_then_removes_the_factor_the_record_and_every_code_and_says_how_in_the_outcome()
    {
        var codes = await EnrollAsync();
        _admin.Answer = FactorRemoval.PreferenceDisabled;
        _log.Calls.Clear();

        await _service.RecoverAsync(Caller(), RecoveryCode.Normalize(codes[2])!, CancellationToken.None);

        Assert.Equal(["policy", "limit:RECOVERY", "cognito:AdminGetUser", "count:RECOVERY_FAILURE", "codes:consume", "audit:STARTED",
            "cognito:AdminRemove", "cognito:AdminSignOut"], _log.Calls.Take(8));
        Assert.Equal(["jane"], _admin.Removed);
        Assert.Equal(["jane"], _admin.SignedOut);
        Assert.Empty(_records.Records);
        Assert.Null(_codes.SetOf("acme", "sub-jane"));
        Assert.Equal(2, _audit.Events.Count);
        var (intent, outcome) = (_audit.Events[0], _audit.Events[1]);
        Assert.Equal((AuditEventType.TotpRecovery, "STARTED", "jane", "sub-jane"), (intent.EventType, intent.Outcome, intent.Username, intent.UserSub));
        Assert.Equal((AuditEventType.TotpRecovery, "SUCCESS", "PREFERENCE_DISABLED", "SIGNED_OUT", "jane", "sub-jane"),
            (outcome.EventType, outcome.Outcome, outcome.FactorRemoval, outcome.SignOut, outcome.Username, outcome.UserSub));
        Assert.True(outcome.OccurredAt > intent.OccurredAt);
    }

    [Fact]
    public async Task A_failed_sign_out_is_recorded_beside_the_removal_the_clean_up_still_runs_and_the_answer_is_the_same()
    {
        var codes = await EnrollAsync();
        _admin.SignOutFailure = new EnrollmentException(ErrorCode.UpstreamError, "down");

        await _service.RecoverAsync(Caller(), RecoveryCode.Normalize(codes[2])!, CancellationToken.None);

        Assert.Equal(["jane"], _admin.Removed);
        Assert.Empty(_records.Records);
        Assert.Null(_codes.SetOf("acme", "sub-jane"));
        var e = _audit.Events.Last();
        Assert.Equal(("SUCCESS", "DELETED", "UPSTREAM_ERROR"), (e.Outcome, e.FactorRemoval, e.SignOut));
    }

    [Fact]
    public async Task Unknown_user_no_codes_wrong_code_used_code_and_another_users_code_end_the_same_way_name_no_user_and_remove_nothing()
    {
        var codes = await EnrollAsync();
        await _service.RecoverAsync(Caller(), RecoveryCode.Normalize(codes[0])!, CancellationToken.None);
        var others = await EnrollAsync("sub-bob");
        _log.Calls.Clear();
        _admin.Removed.Clear();
        var before = _audit.Events.Count;

        // Each returns normally (the route answers 202 ACCEPTED) after the same calls.
        var cases = new (string User, string Code)[]
        {
            ("nobody", "ABCDE23456"),                            // unknown user
            ("jane", "ABCDE23456"),                              // recovered before, codes gone
            ("bob", "ABCDE23456"),                               // wrong code
            ("jane", RecoveryCode.Normalize(codes[0])!),         // used code
            ("jane", RecoveryCode.Normalize(others[1])!),        // another user's code
        };
        var calls = new List<string>();
        foreach (var (user, code) in cases)
        {
            _log.Calls.Clear();
            await Service(Acme).RecoverAsync(Caller(user, "198.51.100." + calls.Count), code, CancellationToken.None);
            calls.Add(string.Join(",", _log.Calls));
        }

        Assert.Single(calls.Distinct());
        Assert.Empty(_admin.Removed);
        Assert.All(_audit.Events.Skip(before), e => Assert.Equal(("FAILED", "CODE_MISMATCH", null, null), (e.Outcome, e.Reason, e.Username, e.UserSub)));
        Assert.True(await _codes.TryConsumeAsync("acme", "sub-bob", others[1], CancellationToken.None));
    }

    [Fact]
    public async Task Attempts_are_limited_per_source_and_the_route_spends_no_users_counter()
    {
        for (var i = 0; i < 3; i++) await _service.RecoverAsync(Caller("jane", "203.0.113.50"), "ABCDE23456", CancellationToken.None);
        _log.Calls.Clear();
        var perSource = await Assert.ThrowsAsync<EnrollmentException>(() => _service.RecoverAsync(Caller("bob", "203.0.113.50"), "ABCDE23456", CancellationToken.None));
        Assert.Equal((ErrorCode.RateLimited, ErrorReasons.RecoveryAttemptLimit, 45 * 60), (perSource.Code, perSource.Reason, perSource.RetryAfterSeconds));
        Assert.Equal(["policy", "limit:RECOVERY", "audit:DENIED"], _log.Calls); // the source first: bob is not even looked up

        // From other sources, jane's wrong guesses spent nothing of hers: her own sign-in path keeps all its attempts.
        Assert.Equal(0, _limiter.CountOf("sub-jane", RecoveryAttempts.UserFailureAction));
    }

    [Fact]
    public async Task When_the_users_shared_failure_counter_is_used_up_the_route_does_not_try_even_a_right_code()
    {
        var codes = await EnrollAsync();
        var attempts = new RecoveryAttempts(_limiter, _time);
        for (var i = 0; i < 3; i++) Assert.NotNull(await attempts.TryReserveFailureAsync(new CompiledTenantPolicy(Acme), "sub-jane", CancellationToken.None));

        await _service.RecoverAsync(Caller(), RecoveryCode.Normalize(codes[0])!, CancellationToken.None);

        Assert.Empty(_admin.Removed);
        Assert.Equal(("DENIED", ErrorReasons.RecoveryAttemptLimit), (_audit.Events.Single().Outcome, _audit.Events.Single().Reason));
        Assert.True(await _codes.TryConsumeAsync("acme", "sub-jane", codes[0], CancellationToken.None));
    }

    [Fact]
    public async Task A_failure_after_the_code_is_spent_is_audited_but_not_told()
    {
        var codes = await EnrollAsync();
        _admin.Failure = new EnrollmentException(ErrorCode.UpstreamError, "down");

        await _service.RecoverAsync(Caller(), RecoveryCode.Normalize(codes[0])!, CancellationToken.None);

        Assert.Equal(("FAILED", "UPSTREAM_ERROR"), (_audit.Events.Last().Outcome, _audit.Events.Last().Reason));
        Assert.Empty(_admin.SignedOut); // nothing removed, nothing to sign out for
        Assert.Null(_audit.Events.Last().SignOut);
        Assert.False(await _codes.TryConsumeAsync("acme", "sub-jane", codes[0], CancellationToken.None));
    }

    [Fact]
    public async Task Policy_denials_come_before_any_counting_and_are_told()
    {
        var off = await Assert.ThrowsAsync<EnrollmentException>(() =>
            Service(Acme with { Recovery = new RecoveryRules { CodeCount = 0 } }).RecoverAsync(Caller(), "ABCDE23456", CancellationToken.None));
        Assert.Equal(ErrorReasons.RecoveryCodesDisabled, off.Reason);

        var network = await Assert.ThrowsAsync<EnrollmentException>(() =>
            Service(Acme with { Enrollment = new EnrollmentRules { AllowedNetworks = ["192.0.2.0/24"] } }).RecoverAsync(Caller(), "ABCDE23456", CancellationToken.None));
        Assert.Equal(ErrorReasons.NetworkNotAllowed, network.Reason);

        var unknown = await Assert.ThrowsAsync<EnrollmentException>(() => _service.RecoverAsync(Caller() with { ClientId = "client-x" }, "ABCDE23456", CancellationToken.None));
        Assert.Equal(ErrorReasons.TenantNotFound, unknown.Reason);
        Assert.DoesNotContain(_log.Calls, c => c.StartsWith("limit") || c.StartsWith("codes"));
        Assert.Equal(3, _audit.Events.Count(e => e.Outcome == "DENIED"));
    }
}
