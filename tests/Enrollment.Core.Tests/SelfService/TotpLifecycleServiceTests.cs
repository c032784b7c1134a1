using Enrollment.Core.Audit;
using Enrollment.Core.Binding;
using Enrollment.Core.Errors;
using Enrollment.Core.Identity;
using Enrollment.Core.Policy;
using Enrollment.Core.Recovery;
using Enrollment.Core.SelfService;
using Enrollment.Core.Totp;
using Enrollment.Core.UserPool;
using Enrollment.Testing;

namespace Enrollment.Core.Tests.SelfService;

/// <summary>Status, disable, new recovery codes, and what enrollment now adds (replace needs a recent sign-in, verify issues codes).</summary>
public class TotpLifecycleServiceTests
{
    private static readonly TenantPolicy Acme = new()
    {
        TenantId = "acme",
        AppClientIds = ["client-1"],
        Enrollment = new EnrollmentRules { ReauthenticationMaxAgeSeconds = 300, AllowReplace = true },
        Recovery = new RecoveryRules { CodeCount = 8 },
    };

    private static readonly TotpCredential Token = TotpCredential.AccessToken("token-value");

    private readonly CallLog _log = new();
    private readonly FakeUserPool _pool;
    private readonly FakeAuditLog _audit;
    private readonly FakeRecordStore _records;
    private readonly FakeRecoveryCodeStore _codes;
    private readonly FakeLimiter _limiter;
    private readonly TestClock _time = new(new DateTimeOffset(2026, 11, 21, 10, 15, 0, TimeSpan.Zero));

    public TotpLifecycleServiceTests()
    {
        _pool = new FakeUserPool(_log) { HasSoftwareToken = true };
        _audit = new FakeAuditLog(_log);
        _records = new FakeRecordStore(_log);
        _codes = new FakeRecoveryCodeStore(_log);
        _limiter = new FakeLimiter(_log);
    }

    private TotpLifecycleService Lifecycle(TenantPolicy? policy = null) =>
        new(new TenantResolver(new FakePolicyStore(_log, policy ?? Acme), new TenantBindingReader(_pool.Binding, _time)), _pool, _records, _codes, _limiter, new AuditTrail(_audit, _time), _time);

    private TotpEnrollmentService Enrollment(TenantPolicy? policy = null) =>
        new(new TenantResolver(new FakePolicyStore(_log, policy ?? Acme), new TenantBindingReader(_pool.Binding, _time)), _pool, _limiter, new AuditTrail(_audit, _time), _time, _records, _codes);

    private CallerContext Caller(int signedInSecondsAgo = 10) => new()
    {
        RequestId = "req-1", ClientId = "client-1", Username = "jane", UserSub = "sub-1", SourceIp = "203.0.113.7",
        AuthTime = _time.Now.AddSeconds(-signedInSecondsAgo),
    };

    [Fact]
    public async Task Verify_with_a_token_records_the_device_and_returns_new_codes_once_that_work()
    {
        var result = await Enrollment().VerifyAsync(Caller(), Token, "123456", "Pixel 9", CancellationToken.None);

        Assert.Equal(8, result.RecoveryCodes!.Count);
        var record = _records.Records[("acme", "sub-1")]; // keyed by the token's sub
        Assert.Equal(("Pixel 9", "sub-1", _time.Now), (record.DeviceName, record.UserSub, record.EnrolledAt));
        Assert.True(await _codes.TryConsumeAsync("acme", "sub-1", result.RecoveryCodes[0], CancellationToken.None));
        Assert.False(await _codes.TryConsumeAsync("acme", "sub-1", result.RecoveryCodes[0], CancellationToken.None));
        Assert.Equal("SUCCESS", _audit.Events.Single().Outcome);
    }

    [Fact]
    public async Task Verify_issues_no_codes_where_the_tenant_turned_them_off()
    {
        var result = await Enrollment(Acme with { Recovery = new RecoveryRules { CodeCount = 0 } }).VerifyAsync(Caller(), Token, "123456", null, CancellationToken.None);
        Assert.Null(result.RecoveryCodes);
        Assert.DoesNotContain("codes:replace", _log.Calls);
        Assert.Contains("record:put", _log.Calls);
    }

    [Theory]
    [InlineData(299, true)]
    [InlineData(301, false)]
    public async Task Replacing_an_authenticator_needs_a_sign_in_within_the_policy_window(int signedInSecondsAgo, bool allowed)
    {
        var attempt = Enrollment().AssociateAsync(Caller(signedInSecondsAgo), Token, CancellationToken.None);
        if (allowed)
        {
            await attempt;
            Assert.DoesNotContain("cognito:GetUser", _log.Calls);
            return;
        }
        var ex = await Assert.ThrowsAsync<EnrollmentException>(() => attempt);
        Assert.Equal((ErrorCode.PolicyDenied, ErrorReasons.ReauthenticationRequired), (ex.Code, ex.Reason));
        Assert.Contains("cognito:GetUser", _log.Calls);
        Assert.DoesNotContain("cognito:Associate", _log.Calls);
        Assert.Equal(("DENIED", ErrorReasons.ReauthenticationRequired), (_audit.Events.Single().Outcome, _audit.Events.Single().Reason));
    }

    [Fact]
    public async Task A_first_enrollment_needs_no_recent_sign_in_and_a_token_without_auth_time_counts_as_old()
    {
        _pool.HasSoftwareToken = false;
        await Enrollment().AssociateAsync(Caller() with { AuthTime = null }, Token, CancellationToken.None);

        _pool.HasSoftwareToken = true;
        var ex = await Assert.ThrowsAsync<EnrollmentException>(() => Enrollment().AssociateAsync(Caller() with { AuthTime = null }, Token, CancellationToken.None));
        Assert.Equal(ErrorReasons.ReauthenticationRequired, ex.Reason);
    }

    [Fact]
    public async Task Status_combines_the_user_pool_with_the_record_and_the_codes_left()
    {
        var issued = await Enrollment().VerifyAsync(Caller(), Token, "123456", "Pixel 9", CancellationToken.None);
        await _codes.TryConsumeAsync("acme", "sub-1", issued.RecoveryCodes![0], CancellationToken.None);

        var status = await Lifecycle().GetStatusAsync(Caller(), "token-value", CancellationToken.None);

        Assert.Equal(new TotpStatus(true, false, "Pixel 9", _time.Now, 7), status);
        _pool.HasSoftwareToken = false;
        Assert.Equal(new TotpStatus(false, false, null, null, 0), await Lifecycle().GetStatusAsync(Caller(), "token-value", CancellationToken.None));
    }

    [Fact]
    public async Task Disable_removes_the_factor_then_the_record_and_codes_and_is_audited()
    {
        await Enrollment().VerifyAsync(Caller(), Token, "123456", "Pixel 9", CancellationToken.None);
        _log.Calls.Clear();

        await Lifecycle().DisableAsync(Caller(), "token-value", CancellationToken.None);

        Assert.Equal(["policy", "cognito:GetUser", "audit:STARTED", "cognito:Disable"], _log.Calls.Take(4)); // the intent before it acts
        Assert.Contains("record:delete", _log.Calls);
        Assert.Contains("codes:delete", _log.Calls);
        Assert.Equal("audit:SUCCESS", _log.Calls[^1]);
        Assert.Empty(_records.Records);
        Assert.Null(_codes.SetOf("acme", "sub-1"));
        Assert.Equal((AuditEventType.TotpDisable, "STARTED"), (_audit.Events[^2].EventType, _audit.Events[^2].Outcome));
        Assert.Equal((AuditEventType.TotpDisable, "SUCCESS"), (_audit.Events[^1].EventType, _audit.Events[^1].Outcome));
    }

    [Fact]
    public async Task Disable_is_refused_where_mfa_is_required_before_asking_for_a_new_sign_in()
    {
        var strict = Acme with { Mfa = new MfaRules { Required = true, AllowDisable = false } };
        var ex = await Assert.ThrowsAsync<EnrollmentException>(() => Lifecycle(strict).DisableAsync(Caller(3600), "token-value", CancellationToken.None));
        Assert.Equal((ErrorCode.PolicyDenied, ErrorReasons.MfaRequired), (ex.Code, ex.Reason));
        Assert.DoesNotContain(_log.Calls, c => c.StartsWith("cognito"));

        // Required but disabling allowed: the sign-in-age rule applies as everywhere.
        var lenient = Acme with { Mfa = new MfaRules { Required = true, AllowDisable = true } };
        ex = await Assert.ThrowsAsync<EnrollmentException>(() => Lifecycle(lenient).DisableAsync(Caller(3600), "token-value", CancellationToken.None));
        Assert.Equal(ErrorReasons.ReauthenticationRequired, ex.Reason);
        Assert.DoesNotContain(_log.Calls, c => c.StartsWith("cognito"));
        Assert.Equal(["DENIED", "DENIED"], _audit.Events.Select(e => e.Outcome));
    }

    [Fact]
    public async Task Disable_and_new_codes_without_an_authenticator_are_a_conflict()
    {
        _pool.HasSoftwareToken = false;
        var disable = await Assert.ThrowsAsync<EnrollmentException>(() => Lifecycle().DisableAsync(Caller(), "token-value", CancellationToken.None));
        var codes = await Assert.ThrowsAsync<EnrollmentException>(() => Lifecycle().ReplaceRecoveryCodesAsync(Caller(), "token-value", CancellationToken.None));
        Assert.All([disable, codes], ex => Assert.Equal((ErrorCode.Conflict, ErrorReasons.NotEnrolled), (ex.Code, ex.Reason)));
        Assert.DoesNotContain("cognito:Disable", _log.Calls);
        Assert.DoesNotContain("codes:replace", _log.Calls);
    }

    [Fact]
    public async Task New_codes_replace_the_old_set_after_a_recent_sign_in()
    {
        var first = await Enrollment().VerifyAsync(Caller(), Token, "123456", null, CancellationToken.None);
        var stale = await Assert.ThrowsAsync<EnrollmentException>(() => Lifecycle().ReplaceRecoveryCodesAsync(Caller(301), "token-value", CancellationToken.None));
        Assert.Equal(ErrorReasons.ReauthenticationRequired, stale.Reason);

        var second = await Lifecycle().ReplaceRecoveryCodesAsync(Caller(), "token-value", CancellationToken.None);

        Assert.Equal(8, second.Codes.Count);
        Assert.False(await _codes.TryConsumeAsync("acme", "sub-1", first.RecoveryCodes![0], CancellationToken.None));
        Assert.True(await _codes.TryConsumeAsync("acme", "sub-1", second.Codes[0], CancellationToken.None));
        Assert.Equal(AuditEventType.RecoveryCodesIssued, _audit.Events[^1].EventType);
    }

    [Fact]
    public async Task New_codes_are_refused_where_the_tenant_uses_none()
    {
        var off = Acme with { Recovery = new RecoveryRules { CodeCount = 0 } };
        var ex = await Assert.ThrowsAsync<EnrollmentException>(() => Lifecycle(off).ReplaceRecoveryCodesAsync(Caller(), "token-value", CancellationToken.None));
        Assert.Equal((ErrorCode.PolicyDenied, ErrorReasons.RecoveryCodesDisabled), (ex.Code, ex.Reason));
    }

    [Fact]
    public async Task Codes_are_returned_only_after_their_audit_event_is_written()
    {
        _audit.Down = true;
        var ex = await Assert.ThrowsAsync<EnrollmentException>(() => Lifecycle().ReplaceRecoveryCodesAsync(Caller(), "token-value", CancellationToken.None));
        Assert.Equal(ErrorCode.ServiceUnavailable, ex.Code);
    }

    [Fact]
    public async Task New_sets_of_recovery_codes_are_limited_per_hour_like_recovery_attempts()
    {
        var policy = Acme with { Recovery = Acme.Recovery with { MaxAttemptsPerHour = 2 } };
        await Lifecycle(policy).ReplaceRecoveryCodesAsync(Caller(), "token-value", CancellationToken.None);
        await Lifecycle(policy).ReplaceRecoveryCodesAsync(Caller(), "token-value", CancellationToken.None);

        var limited = await Assert.ThrowsAsync<EnrollmentException>(() => Lifecycle(policy).ReplaceRecoveryCodesAsync(Caller(), "token-value", CancellationToken.None));

        Assert.Equal((ErrorCode.RateLimited, ErrorReasons.RecoveryCodesLimit), (limited.Code, limited.Reason));
        Assert.Equal(45 * 60, limited.RetryAfterSeconds);
        Assert.Equal("DENIED", _audit.Events[^1].Outcome);
    }
}
