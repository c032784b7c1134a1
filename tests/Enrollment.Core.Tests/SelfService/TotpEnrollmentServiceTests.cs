using Enrollment.Core.Audit;
using Enrollment.Core.Binding;
using Enrollment.Core.Errors;
using Enrollment.Core.Identity;
using Enrollment.Core.Policy;
using Enrollment.Core.SelfService;
using Enrollment.Core.Totp;
using Enrollment.Core.UserPool;
using Enrollment.Testing;

namespace Enrollment.Core.Tests.SelfService;

public class TotpEnrollmentServiceTests
{
    private static readonly TenantPolicy Acme = new()
    {
        TenantId = "acme",
        DisplayName = "Acme Corp",
        AppClientIds = ["client-1"],
        Enrollment = new EnrollmentRules { MinAppVersion = "2.0.0", AllowedNetworks = ["203.0.113.0/24"], MaxAssociationsPerHour = 2 },
        Verification = new VerificationRules { MaxFailuresPerHour = 2 },
        Audit = new AuditSettings { RetentionDays = 30 },
    };

    private readonly CallLog _log = new();
    private readonly FakePolicyStore _store;
    private readonly FakeUserPool _pool;
    private readonly FakeLimiter _limiter;
    private readonly FakeAuditLog _audit;
    private readonly FakeRecordStore _records;
    private readonly FakeRecoveryCodeStore _codes;
    private readonly TestClock _time = new(new DateTimeOffset(2026, 11, 21, 10, 15, 0, TimeSpan.Zero));
    private readonly TotpEnrollmentService _service;

    public TotpEnrollmentServiceTests()
    {
        _store = new FakePolicyStore(_log, Acme);
        _pool = new FakeUserPool(_log);
        _limiter = new FakeLimiter(_log);
        _audit = new FakeAuditLog(_log);
        _records = new FakeRecordStore(_log);
        _codes = new FakeRecoveryCodeStore(_log);
        _service = Service(_store);
    }

    private TotpEnrollmentService Service(FakePolicyStore store) =>
        new(new TenantResolver(store, new TenantBindingReader(_pool.Binding, _time)), _pool, _limiter, new AuditTrail(_audit, _time), _time, _records, _codes);

    private static CallerContext Caller(string? clientId = "client-1", string? ip = "203.0.113.7", string? version = "2.1.0", string? tenant = null) => new()
    {
        RequestId = "req-1", ClientId = clientId, SourceIp = ip, AppVersion = version, Username = "jane", UserSub = "sub-1", TenantClaim = tenant, UserAgent = "app/2.1",
    };

    private static readonly TotpCredential Token = TotpCredential.AccessToken("token-value");

    [Fact]
    public async Task Associate_checks_policy_then_limit_then_cognito_and_audits_before_returning_the_secret()
    {
        var result = await _service.AssociateAsync(Caller(), Token, CancellationToken.None);

        Assert.Equal(["policy", "limit:ASSOCIATE", "cognito:GetUser", "cognito:Associate", "audit:SUCCESS"], _log.Calls);
        Assert.Equal(FakeUserPool.Secret, result.SecretCode);
        Assert.Equal("Acme Corp", result.Issuer);
        Assert.Equal("jane", result.AccountName);
        Assert.StartsWith("otpauth://totp/Acme%20Corp:jane?secret=JBSWY3DPEHPK3PXP&issuer=Acme%20Corp", result.OtpAuthUri);
        var e = Assert.Single(_audit.Events);
        Assert.Equal(("acme", "TOTP_ASSOCIATE", "SUCCESS", "req-1"), (e.TenantId, e.EventType, e.Outcome, e.RequestId));
        Assert.Equal(_time.Now.AddDays(30).ToUnixTimeSeconds(), e.ExpiresAt);
        Assert.Equal(("client-1", "203.0.113.7", "2.1.0", "app/2.1", "sub-1"), (e.ClientId, e.SourceIp, e.AppVersion, e.UserAgent, e.UserSub));
    }

    [Theory]
    [InlineData("client-1", "198.51.100.1", "2.1.0", ErrorReasons.NetworkNotAllowed)]
    [InlineData("client-1", "203.0.113.7", "1.9.9", ErrorReasons.AppVersionTooOld)]
    [InlineData("client-1", "203.0.113.7", "2.0.0-rc.1", ErrorReasons.AppVersionTooOld)]
    [InlineData("client-1", "203.0.113.7", null, ErrorReasons.AppVersionTooOld)]
    [InlineData("client-x", "203.0.113.7", "2.1.0", ErrorReasons.ClientNotAllowed)] // the tenant is the user's binding, the client is of none
    public async Task Static_denials_happen_before_any_cognito_call_and_are_audited(string client, string ip, string? version, string reason)
    {
        var ex = await Assert.ThrowsAsync<EnrollmentException>(() => _service.AssociateAsync(Caller(client, ip, version), Token, CancellationToken.None));

        Assert.Equal(ErrorCode.PolicyDenied, ex.Code);
        Assert.Equal(reason, ex.Reason);
        Assert.DoesNotContain(_log.Calls, c => c.StartsWith("cognito") || c.StartsWith("limit"));
        var e = Assert.Single(_audit.Events);
        Assert.Equal(("DENIED", reason), (e.Outcome, e.Reason));
    }

    [Fact]
    public async Task Tenant_claim_wins_over_client_and_the_client_must_still_be_listed()
    {
        var ex = await Assert.ThrowsAsync<EnrollmentException>(() => _service.AssociateAsync(Caller("client-other", tenant: "acme"), Token, CancellationToken.None));
        Assert.Equal(ErrorReasons.ClientNotAllowed, ex.Reason);
        // Refused while resolving the tenant (every route, reads included): audited as a denial, not yet under the tenant.
        Assert.Equal(AuditOutcome.Denied, _audit.Events.Single().Outcome);
    }

    [Fact]
    public async Task Disabled_tenant_is_denied()
    {
        var store = new FakePolicyStore(_log, Acme with { Enrollment = Acme.Enrollment with { Enabled = false } });
        var service = Service(store);
        var ex = await Assert.ThrowsAsync<EnrollmentException>(() => service.AssociateAsync(Caller(), Token, CancellationToken.None));
        Assert.Equal(ErrorReasons.EnrollmentDisabled, ex.Reason);
    }

    [Fact]
    public async Task Association_limit_is_rate_limited_with_retry_after_until_the_window_ends()
    {
        await _service.AssociateAsync(Caller(), Token, CancellationToken.None);
        await _service.AssociateAsync(Caller(), Token, CancellationToken.None);
        _log.Calls.Clear();

        var ex = await Assert.ThrowsAsync<EnrollmentException>(() => _service.AssociateAsync(Caller(), Token, CancellationToken.None));

        Assert.Equal(ErrorCode.RateLimited, ex.Code);
        Assert.Equal(45 * 60, ex.RetryAfterSeconds);
        Assert.DoesNotContain(_log.Calls, c => c.StartsWith("cognito"));
        Assert.Equal(3, _audit.Events.Count);
        Assert.Equal(ErrorReasons.AssociationLimit, _audit.Events[^1].Reason);

        _time.Now = _time.Now.AddHours(1); // a new window
        await _service.AssociateAsync(Caller(), Token, CancellationToken.None);
    }

    [Fact]
    public async Task Already_enrolled_user_is_denied_unless_replace_is_allowed()
    {
        _pool.HasSoftwareToken = true;
        var ex = await Assert.ThrowsAsync<EnrollmentException>(() => _service.AssociateAsync(Caller(), Token, CancellationToken.None));
        Assert.Equal(ErrorReasons.AlreadyEnrolled, ex.Reason);
        Assert.DoesNotContain("cognito:Associate", _log.Calls);

        // Replacing is allowed, and needs a recent sign-in (lifecycle): then no read is needed at all.
        var store = new FakePolicyStore(_log, Acme with { Enrollment = Acme.Enrollment with { AllowReplace = true } });
        var service = Service(store);
        _log.Calls.Clear();
        await service.AssociateAsync(Caller() with { AuthTime = _time.Now.AddSeconds(-60) }, Token, CancellationToken.None);
        Assert.DoesNotContain("cognito:GetUser", _log.Calls); // no read needed when replacing is allowed
    }

    [Fact]
    public async Task A_token_marked_must_enroll_after_recovery_may_replace_the_lost_factor_but_only_with_a_recent_sign_in()
    {
        _pool.HasSoftwareToken = true;
        var recovered = Caller() with { EnrollmentRequired = true, AuthTime = _time.Now.AddSeconds(-10) };
        var result = await _service.AssociateAsync(recovered, Token, CancellationToken.None);
        Assert.Equal(FakeUserPool.Secret, result.SecretCode);

        var stale = await Assert.ThrowsAsync<EnrollmentException>(() =>
            _service.AssociateAsync(recovered with { AuthTime = _time.Now.AddHours(-2) }, Token, CancellationToken.None));
        Assert.Equal(ErrorReasons.ReauthenticationRequired, stale.Reason);
    }

    [Fact]
    public async Task Audit_store_down_means_no_secret_and_service_unavailable()
    {
        _audit.Down = true;
        var ex = await Assert.ThrowsAsync<EnrollmentException>(() => _service.AssociateAsync(Caller(), Token, CancellationToken.None));
        Assert.Equal(ErrorCode.ServiceUnavailable, ex.Code);
        Assert.DoesNotContain(FakeUserPool.Secret, ex.Message);
    }

    [Fact]
    public async Task Policy_store_down_is_service_unavailable_and_cognito_is_never_asked()
    {
        _store.Down = true;
        var ex = await Assert.ThrowsAsync<EnrollmentException>(() => _service.AssociateAsync(Caller(), Token, CancellationToken.None));
        Assert.Equal(ErrorCode.ServiceUnavailable, ex.Code);
        Assert.DoesNotContain(_log.Calls, c => c.StartsWith("cognito"));
        Assert.Equal(AuditTrail.UnresolvedTenant, _audit.Events.Single().TenantId);
    }

    [Fact]
    public async Task Verify_counts_wrong_codes_and_limits_them_but_a_right_code_does_not_count()
    {
        await _service.VerifyAsync(Caller() with { AuthTime = _time.Now.AddSeconds(-5) }, Token, "123456", "Pixel 9", CancellationToken.None);
        // Lifecycle: a verified authenticator gets its record and (after a recent sign-in) new recovery codes before the audit.
        Assert.Equal(["policy", "limit:VERIFY_FAILURE", "cognito:GetUser", "cognito:Verify", "release:VERIFY_FAILURE", "cognito:SetPreference", "record:put", "codes:replace", "audit:SUCCESS"], _log.Calls);
        Assert.Equal(0, _limiter.Count("VERIFY_FAILURE"));
        Assert.Equal("Pixel 9", _audit.Events.Single().DeviceName);

        for (var i = 0; i < 2; i++)
        {
            var wrong = await Assert.ThrowsAsync<EnrollmentException>(() => _service.VerifyAsync(Caller(), Token, "000000", null, CancellationToken.None));
            Assert.Equal(ErrorCode.CodeMismatch, wrong.Code);
        }
        _log.Calls.Clear();
        var limited = await Assert.ThrowsAsync<EnrollmentException>(() => _service.VerifyAsync(Caller(), Token, "123456", null, CancellationToken.None));
        Assert.Equal(ErrorCode.RateLimited, limited.Code);
        Assert.Equal(ErrorReasons.VerificationFailureLimit, limited.Reason);
        Assert.DoesNotContain("cognito:Verify", _log.Calls);
        Assert.Equal(["SUCCESS", "FAILED", "FAILED", "DENIED"], _audit.Events.Select(e => e.Outcome));
        Assert.Equal("CODE_MISMATCH", _audit.Events[1].Reason);
    }

    [Fact]
    public async Task Verify_upstream_failure_does_not_count_as_a_wrong_code()
    {
        _pool.Failure = new EnrollmentException(ErrorCode.UpstreamError, "down");
        await Assert.ThrowsAsync<EnrollmentException>(() => _service.VerifyAsync(Caller(), Token, "123456", null, CancellationToken.None));
        Assert.Equal(0, _limiter.Count("VERIFY_FAILURE"));
        Assert.Equal(("FAILED", "UPSTREAM_ERROR"), (_audit.Events.Single().Outcome, _audit.Events.Single().Reason));
    }

    [Fact]
    public async Task Malformed_code_is_rejected_before_any_io()
    {
        var ex = await Assert.ThrowsAsync<EnrollmentException>(() => _service.VerifyAsync(Caller(), Token, "12ab56", null, CancellationToken.None));
        Assert.Equal(ErrorCode.ValidationError, ex.Code);
        Assert.Empty(_log.Calls);
    }

    [Fact]
    public void Results_never_print_their_secrets()
    {
        Assert.DoesNotContain("SECRET", new AssociateResult("SECRET", "otpauth://x?secret=SECRET", "i", "a", "SESSION").ToString());
        Assert.DoesNotContain("SESSION", new VerifyResult("SESSION").ToString());
        Assert.DoesNotContain("tok", TotpCredential.AccessToken("tok").ToString());
    }
}
