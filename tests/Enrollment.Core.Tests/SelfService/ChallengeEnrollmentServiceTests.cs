using Enrollment.Core.Audit;
using Enrollment.Core.Binding;
using Enrollment.Core.Errors;
using Enrollment.Core.Identity;
using Enrollment.Core.Policy;
using Enrollment.Core.SelfService;
using Enrollment.Core.Totp;
using Enrollment.Testing;

namespace Enrollment.Core.Tests.SelfService;

/// <summary>The session path: nothing keyed on the body until the tokens Cognito issued prove the user.</summary>
public class ChallengeEnrollmentServiceTests
{
    private static readonly TenantPolicy Demo = new() { TenantId = "demo", DisplayName = "Demo Corp", AppClientIds = ["demo-client-id"] };
    private const string Session = "session-value-0123456789";

    private readonly CallLog _log = new();
    private readonly FakeUserPool _pool;
    private readonly FakeAuditLog _audit;
    private readonly FakeRecordStore _records;
    private readonly FakeLimiter _limiter;
    private readonly FakeMfaSetupCompletion _mfaSetup;
    private readonly ChallengeEnrollmentService _service;

    public ChallengeEnrollmentServiceTests()
    {
        _pool = new FakeUserPool(_log);
        _audit = new FakeAuditLog(_log);
        _records = new FakeRecordStore(_log);
        _limiter = new FakeLimiter(_log);
        _mfaSetup = new FakeMfaSetupCompletion(_log);
        _service = new ChallengeEnrollmentService(new TenantResolver(new FakePolicyStore(_log, Demo)), _pool, _mfaSetup, _limiter,
            new AuditTrail(_audit, TimeProvider.System), TimeProvider.System, _records);
    }

    private static CallerContext Caller() => new() { RequestId = "req-1", ClientId = "demo-client-id", SourceIp = "203.0.113.7" };

    [Fact]
    public async Task Associate_counts_the_source_and_audits_no_user()
    {
        var result = await _service.AssociateAsync(Caller(), "jane", Session, CancellationToken.None);

        Assert.Equal("next-session", result.Session);
        Assert.Equal("jane", result.AccountName);
        Assert.Equal(["policy", "limit:ASSOCIATE", "cognito:Associate", "audit:SUCCESS"], _log.Calls);
        Assert.Null(_audit.Events.Single().Username);
    }

    [Fact]
    public async Task Verify_finishes_mfa_setup_then_records_by_the_tokens_sub_and_audits_the_proven_user()
    {
        var tokens = await _service.VerifyAsync(Caller(), "jane", Session, "123456", "Pixel 9", CancellationToken.None);

        Assert.Equal(FakeMfaSetupCompletion.AccessToken, tokens.AccessToken);
        Assert.Equal(["policy", "limit:VERIFY_FAILURE", "cognito:Verify", "release:VERIFY_FAILURE", "cognito:RespondToAuthChallenge", "record:put", "audit:SUCCESS"], _log.Calls);
        Assert.Equal("Pixel 9", _records.Records[("demo", "sub-jane")].DeviceName);
        var audited = _audit.Events.Single();
        Assert.Equal(("jane", "sub-jane", "Pixel 9"), (audited.Username, audited.UserSub, audited.DeviceName));
    }

    public static TheoryData<string, TokenIdentity, ErrorCode, string?> Unproven => new()
    {
        { "another pool", new(FakeMfaSetupCompletion.Issuer.Replace("ours", "theirs"), "demo-client-id", "sub-x", "jane", "demo"), ErrorCode.Unauthorized, null },
        { "another client", new(FakeMfaSetupCompletion.Issuer, "other-client", "sub-x", "jane", "demo"), ErrorCode.Unauthorized, null },
        { "no binding", new(FakeMfaSetupCompletion.Issuer, "demo-client-id", "sub-x", "jane", null), ErrorCode.PolicyDenied, ErrorReasons.UserNotInTenant },
        { "another tenant", new(FakeMfaSetupCompletion.Issuer, "demo-client-id", "sub-x", "jane", "globex"), ErrorCode.PolicyDenied, ErrorReasons.ClientOfAnotherTenant },
    };

    [Theory]
    [MemberData(nameof(Unproven))]
    public async Task Tokens_that_do_not_prove_a_user_of_this_tenant_write_nothing(string why, TokenIdentity identity, ErrorCode code, string? reason)
    {
        _mfaSetup.Identity = identity;

        var failure = await Assert.ThrowsAsync<EnrollmentException>(() => _service.VerifyAsync(Caller(), "jane", Session, "123456", null, CancellationToken.None));

        Assert.True((code, reason) == (failure.Code, failure.Reason), why);
        Assert.Empty(_records.Records);
        Assert.Null(_audit.Events.Single().Username);
        Assert.Null(_audit.Events.Single().UserSub);
    }

    [Fact]
    public async Task A_status_error_answer_is_a_wrong_code_that_stays_counted_and_finishes_nothing()
    {
        _pool.WrongCodeAsStatusError = true;

        var failure = await Assert.ThrowsAsync<EnrollmentException>(() => _service.VerifyAsync(Caller(), "jane", Session, "000000", null, CancellationToken.None));

        Assert.Equal(ErrorCode.CodeMismatch, failure.Code);
        Assert.DoesNotContain("release:VERIFY_FAILURE", _log.Calls);
        Assert.DoesNotContain("cognito:RespondToAuthChallenge", _log.Calls);
        Assert.Empty(_records.Records);
    }

    [Fact]
    public async Task Wrong_codes_count_for_the_source_and_cognito_is_not_asked_to_finish()
    {
        var failure = await Assert.ThrowsAsync<EnrollmentException>(() => _service.VerifyAsync(Caller(), "jane", Session, "000000", null, CancellationToken.None));
        Assert.Equal(ErrorCode.CodeMismatch, failure.Code);
        Assert.Equal(1, _limiter.Count("VERIFY_FAILURE"));
        Assert.DoesNotContain("cognito:RespondToAuthChallenge", _log.Calls);
    }
}
