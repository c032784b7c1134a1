using Enrollment.Core.Audit;
using Enrollment.Core.Enrollment;
using Enrollment.Core.Errors;
using Enrollment.Core.Policy;
using Enrollment.Core.Recovery;
using Enrollment.Testing;

namespace Enrollment.Core.Tests.Recovery;

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
    private readonly FixedTime _time = new(new DateTimeOffset(2026, 11, 21, 10, 15, 0, TimeSpan.Zero));
    private readonly TotpRecoveryService _service;

    public TotpRecoveryServiceTests()
    {
        _audit = new FakeAuditLog(_log);
        _records = new FakeRecordStore(_log);
        _codes = new FakeRecoveryCodeStore(_log);
        _admin = new FakeUserPoolAdmin(_log);
        _service = Service(Acme);
    }

    private TotpRecoveryService Service(TenantPolicy policy) =>
        new(new TenantResolver(new FakePolicyStore(_log, policy)), new FakeLimiter(_log), _codes, _admin, _records, new AuditTrail(_audit, _time), _time);

    private static CallerContext Caller(string username = "jane", string ip = "203.0.113.7") =>
        new() { RequestId = "req-1", ClientId = "client-1", Username = username, SourceIp = ip };

    private async Task<IReadOnlyList<string>> EnrollAsync(string username = "jane")
    {
        await _records.PutAsync(new EnrollmentRecord("acme", username, null, "Pixel 9", _time.Now), CancellationToken.None);
        return (await new RecoveryCodeIssuer(_codes, _time).IssueAsync("acme", username, 5, CancellationToken.None)).Codes;
    }

    [Fact]
    public async Task A_right_code_removes_the_factor_the_record_and_every_code_and_says_how_in_the_audit()
    {
        var codes = await EnrollAsync();
        _admin.Answer = FactorRemoval.PreferenceDisabled;
        _log.Calls.Clear();

        await _service.RecoverAsync(Caller(), RecoveryCode.Normalize(codes[2])!, CancellationToken.None);

        Assert.Equal(["policy", "limit:RECOVERY", "limit:RECOVERY", "codes:consume", "cognito:AdminRemove", "cognito:AdminSignOut"], _log.Calls.Take(6));
        Assert.Equal(["jane"], _admin.Removed);
        Assert.Equal(["jane"], _admin.SignedOut);
        Assert.Empty(_records.Records);
        Assert.Null(_codes.SetOf("acme", "jane"));
        var e = _audit.Events.Single();
        Assert.Equal((AuditEventType.TotpRecovery, "SUCCESS", "PREFERENCE_DISABLED", "SIGNED_OUT", "jane"), (e.EventType, e.Outcome, e.FactorRemoval, e.SignOut, e.Username));
    }

    [Fact]
    public async Task A_failed_sign_out_is_recorded_beside_the_removal_the_clean_up_still_runs_and_the_answer_is_the_same()
    {
        var codes = await EnrollAsync();
        _admin.SignOutFailure = new EnrollmentException(ErrorCode.UpstreamError, "down");

        await _service.RecoverAsync(Caller(), RecoveryCode.Normalize(codes[2])!, CancellationToken.None);

        Assert.Equal(["jane"], _admin.Removed);
        Assert.Empty(_records.Records);
        Assert.Null(_codes.SetOf("acme", "jane"));
        var e = _audit.Events.Single();
        Assert.Equal(("SUCCESS", "DELETED", "UPSTREAM_ERROR"), (e.Outcome, e.FactorRemoval, e.SignOut));
    }

    [Fact]
    public async Task Unknown_user_no_codes_wrong_code_and_a_used_code_all_end_the_same_way_and_remove_nothing()
    {
        var codes = await EnrollAsync();
        await _service.RecoverAsync(Caller(), RecoveryCode.Normalize(codes[0])!, CancellationToken.None);
        var others = await EnrollAsync("bob");
        _log.Calls.Clear();
        _admin.Removed.Clear();

        // Each returns normally (the route answers 202 ACCEPTED) after the same calls.
        var cases = new (string User, string Code)[]
        {
            ("nobody", "ABCDE23456"),                            // unknown user
            ("jane", "ABCDE23456"),                              // enrolled before, codes gone
            ("bob", "ABCDE23456"),                               // wrong code
            ("jane", RecoveryCode.Normalize(codes[0])!),         // used code
            ("bob", RecoveryCode.Normalize(codes[1])!),          // another user's code
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
        Assert.All(_audit.Events.Skip(1), e => Assert.Equal(("FAILED", "CODE_MISMATCH"), (e.Outcome, e.Reason)));
        Assert.NotNull(_codes.SetOf("acme", "bob"));
        Assert.True(await _codes.TryConsumeAsync("acme", "bob", others[1], CancellationToken.None));
    }

    [Fact]
    public async Task Attempts_are_limited_per_username_and_per_source_whether_or_not_the_user_exists()
    {
        for (var i = 0; i < 3; i++) await _service.RecoverAsync(Caller("nobody", $"198.51.100.{i}"), "ABCDE23456", CancellationToken.None);
        var perUser = await Assert.ThrowsAsync<EnrollmentException>(() => _service.RecoverAsync(Caller("nobody", "198.51.100.9"), "ABCDE23456", CancellationToken.None));
        Assert.Equal((ErrorCode.RateLimited, DenialReason.RecoveryAttemptLimit, 45 * 60), (perUser.Code, perUser.Reason, perUser.RetryAfterSeconds));

        for (var i = 0; i < 3; i++) await _service.RecoverAsync(Caller($"user-{i}", "203.0.113.50"), "ABCDE23456", CancellationToken.None);
        _log.Calls.Clear();
        var perSource = await Assert.ThrowsAsync<EnrollmentException>(() => _service.RecoverAsync(Caller("user-9", "203.0.113.50"), "ABCDE23456", CancellationToken.None));
        Assert.Equal(DenialReason.RecoveryAttemptLimit, perSource.Reason);
        Assert.Equal(["policy", "limit:RECOVERY", "audit:DENIED"], _log.Calls); // the source first: no counter for user-9
    }

    [Fact]
    public async Task A_failure_after_the_code_is_spent_is_audited_but_not_told()
    {
        var codes = await EnrollAsync();
        _admin.Failure = new EnrollmentException(ErrorCode.UpstreamError, "down");

        await _service.RecoverAsync(Caller(), RecoveryCode.Normalize(codes[0])!, CancellationToken.None);

        Assert.Equal(("FAILED", "UPSTREAM_ERROR"), (_audit.Events.Single().Outcome, _audit.Events.Single().Reason));
        Assert.Empty(_admin.SignedOut); // nothing removed, nothing to sign out for
        Assert.Null(_audit.Events.Single().SignOut);
        Assert.False(await _codes.TryConsumeAsync("acme", "jane", codes[0], CancellationToken.None));
    }

    [Fact]
    public async Task Policy_denials_come_before_any_counting_and_are_told()
    {
        var off = await Assert.ThrowsAsync<EnrollmentException>(() =>
            Service(Acme with { Recovery = new RecoveryRules { CodeCount = 0 } }).RecoverAsync(Caller(), "ABCDE23456", CancellationToken.None));
        Assert.Equal(DenialReason.RecoveryCodesDisabled, off.Reason);

        var network = await Assert.ThrowsAsync<EnrollmentException>(() =>
            Service(Acme with { Enrollment = new EnrollmentRules { AllowedNetworks = ["192.0.2.0/24"] } }).RecoverAsync(Caller(), "ABCDE23456", CancellationToken.None));
        Assert.Equal(DenialReason.NetworkNotAllowed, network.Reason);

        var unknown = await Assert.ThrowsAsync<EnrollmentException>(() => _service.RecoverAsync(Caller() with { ClientId = "client-x" }, "ABCDE23456", CancellationToken.None));
        Assert.Equal(DenialReason.TenantNotFound, unknown.Reason);
        Assert.DoesNotContain(_log.Calls, c => c.StartsWith("limit") || c.StartsWith("codes"));
        Assert.Equal(3, _audit.Events.Count(e => e.Outcome == "DENIED"));
    }
}
