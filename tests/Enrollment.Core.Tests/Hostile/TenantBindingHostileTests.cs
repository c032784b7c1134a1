using Enrollment.Core.Admin;
using Enrollment.Core.Audit;
using Enrollment.Core.Binding;
using Enrollment.Core.Errors;
using Enrollment.Core.Identity;
using Enrollment.Core.Policy;
using Enrollment.Core.SelfService;
using Enrollment.Core.Tests.Admin;
using Enrollment.Core.Totp;
using Enrollment.Core.UserPool;
using Enrollment.Testing;

namespace Enrollment.Core.Tests.Hostile;

/// <summary>
/// Issue 8, item 3: a user belongs to one tenant, the one their immutable custom:tenant_id names. Client ids are
/// public, so a user of a strict tenant who signs in through a lenient tenant's app must not get the lenient rules;
/// and a record in our table must not make anyone a member of a tenant.
/// </summary>
public sealed class TenantBindingHostileTests
{
    private static readonly TenantPolicy Strict = new()
    {
        TenantId = "strict",
        AppClientIds = ["strict-app"],
        Enrollment = new EnrollmentRules { AllowReplace = false },
    };

    private static readonly TenantPolicy Lenient = new()
    {
        TenantId = "lenient",
        AppClientIds = ["lenient-app"],
        Enrollment = new EnrollmentRules { AllowReplace = true },
    };

    private readonly CallLog _log = new();
    private readonly FakeUserPool _pool;
    private readonly FakeAuditLog _audit;
    private readonly TestClock _time = new(new DateTimeOffset(2026, 11, 21, 10, 15, 0, TimeSpan.Zero));

    public TenantBindingHostileTests()
    {
        _pool = new FakeUserPool(_log) { HasSoftwareToken = true, TenantAttribute = "strict" };
        _audit = new FakeAuditLog(_log);
    }

    private TotpEnrollmentService Service() =>
        new(new TenantResolver(new FakePolicyStore(_log, Strict, Lenient), new TenantBindingReader(_pool.Binding, _time)), _pool,
            new FakeLimiter(_log), new AuditTrail(_audit, _time), _time, new FakeRecordStore(_log), new FakeRecoveryCodeStore(_log));

    /// <summary>A token of jane (bound to strict) minted through the client the caller chose; no tenant_id claim (as locally).</summary>
    private CallerContext Jane(string clientId) => new()
    {
        RequestId = "req-1", ClientId = clientId, Username = "jane", UserSub = "sub-1", SourceIp = "203.0.113.7",
        AuthTime = _time.Now.AddSeconds(-10),
    };

    [Fact]
    public async Task A_strict_tenants_user_signing_in_through_a_lenient_tenants_public_client_gets_403_client_of_another_tenant()
    {
        var ex = await Assert.ThrowsAsync<EnrollmentException>(() =>
            Service().AssociateAsync(Jane("lenient-app"), TotpCredential.AccessToken("token"), CancellationToken.None));

        Assert.Equal((ErrorCode.PolicyDenied, ErrorReasons.ClientOfAnotherTenant), (ex.Code, ex.Reason));
        Assert.DoesNotContain("cognito:Associate", _log.Calls);
        // Audited as a denial, and never under the tenant whose client was borrowed.
        var denial = _audit.Events.Single();
        Assert.Equal((AuditOutcome.Denied, ErrorReasons.ClientOfAnotherTenant), (denial.Outcome, denial.Reason));
        Assert.NotEqual("lenient", denial.TenantId);
    }

    [Fact]
    public async Task A_tenant_id_claim_that_disagrees_with_the_client_is_refused_the_same_way()
    {
        var ex = await Assert.ThrowsAsync<EnrollmentException>(() =>
            Service().AssociateAsync(Jane("lenient-app") with { TenantClaim = "strict" }, TotpCredential.AccessToken("token"), CancellationToken.None));
        Assert.Equal(ErrorReasons.ClientOfAnotherTenant, ex.Reason);
    }

    [Fact]
    public async Task Through_their_own_tenants_client_the_strict_rules_apply()
    {
        var ex = await Assert.ThrowsAsync<EnrollmentException>(() =>
            Service().AssociateAsync(Jane("strict-app"), TotpCredential.AccessToken("token"), CancellationToken.None));
        Assert.Equal(ErrorReasons.AlreadyEnrolled, ex.Reason); // strict: allowReplace false
    }

    [Fact]
    public async Task A_user_created_without_a_binding_belongs_to_no_tenant_whatever_client_they_use()
    {
        _pool.TenantAttribute = null;
        foreach (var client in new[] { "strict-app", "lenient-app" })
        {
            var ex = await Assert.ThrowsAsync<EnrollmentException>(() =>
                Service().AssociateAsync(Jane(client), TotpCredential.AccessToken("token"), CancellationToken.None));
            Assert.Equal((ErrorCode.PolicyDenied, ErrorReasons.UserNotInTenant), (ex.Code, ex.Reason));
        }
        Assert.DoesNotContain(_log.Calls, c => c.StartsWith("cognito:Associate"));
    }

    [Fact]
    public async Task An_enrollment_record_under_a_tenant_does_not_make_another_tenants_user_its_member_for_the_admin_reset()
    {
        var world = new AdminWorld();
        // gina belongs to globex; a record under acme (e.g. written by a forged session-route body) names her.
        world.UserPool.AddUser("gina", "sub-gina", "globex");
        await world.Records.PutAsync(new EnrollmentRecord("acme", "gina", "sub-gina", "Attacker's phone", AdminWorld.Now), CancellationToken.None);

        var ex = await Assert.ThrowsAsync<EnrollmentException>(() => world.Reset.ResetAsync(AdminWorld.AcmeAdmin(), "acme", "gina", CancellationToken.None));

        Assert.Equal(ErrorCode.NotFound, ex.Code);
        Assert.Empty(world.UserPool.Removed);
        Assert.Empty(world.UserPool.SignedOut);
    }

    [Fact]
    public async Task The_admin_reset_finds_the_user_as_the_pool_matches_usernames_and_keys_their_state_by_sub()
    {
        var world = new AdminWorld();
        world.UserPool.AddUser("Jane", "sub-jane", "acme");
        await world.Records.PutAsync(new EnrollmentRecord("acme", "Jane", "sub-jane", "Pixel 9", AdminWorld.Now), CancellationToken.None);

        var result = await world.Reset.ResetAsync(AdminWorld.AcmeAdmin(), "acme", "JANE", CancellationToken.None);

        Assert.Equal("Jane", result.Username); // the pool's spelling, not the path's
        Assert.Null(await world.Records.GetAsync("acme", "sub-jane", CancellationToken.None));
    }
}
