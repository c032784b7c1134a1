using Enrollment.Core.Audit;
using Enrollment.Core.Binding;
using Enrollment.Core.Errors;
using Enrollment.Core.Identity;
using Enrollment.Core.Policy;
using Enrollment.Core.Recovery;
using Enrollment.Core.Removal;
using Enrollment.Core.SelfService;
using Enrollment.Core.Tests.Admin;
using Enrollment.Core.Totp;
using Enrollment.Testing;

namespace Enrollment.Core.Tests.Hostile;

/// <summary>
/// Issue 8, items 6 and 11: no factor is removed without a durable audit item (an intent item before acting), and no
/// removal starts a grace period again.
/// </summary>
public sealed class DestructiveActionsHostileTests
{
    private static readonly TenantPolicy Acme = new()
    {
        TenantId = "acme",
        AppClientIds = ["acme-app"],
        Recovery = new RecoveryRules { CodeCount = 3, MaxAttemptsPerHour = 3 },
        Mfa = new MfaRules { Required = true, GracePeriodDays = 7, AllowDisable = true },
    };

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task An_admin_reset_with_the_audit_store_down_removes_nothing()
    {
        var world = new AdminWorld();
        world.UserPool.AddUser("jane", "sub-jane", "acme");
        await world.Records.PutAsync(new EnrollmentRecord("acme", "jane", "sub-jane", "Pixel 9", AdminWorld.Now), Ct);
        world.Audit.Down = true;

        var ex = await Assert.ThrowsAsync<EnrollmentException>(() => world.Reset.ResetAsync(AdminWorld.AcmeAdmin(), "acme", "jane", Ct));

        Assert.Equal(ErrorCode.ServiceUnavailable, ex.Code);
        Assert.Empty(world.UserPool.Removed);
        Assert.Empty(world.UserPool.SignedOut);
        Assert.NotNull(await world.Records.GetAsync("acme", "sub-jane", Ct));
    }

    [Fact]
    public async Task A_recovery_with_a_right_code_and_the_audit_store_down_removes_nothing()
    {
        var log = new CallLog();
        var audit = new FakeAuditLog(log);
        var time = new TestClock(AdminWorld.Now);
        var codes = new FakeRecoveryCodeStore(log);
        var records = new FakeRecordStore(log);
        var admin = new FakeUserPoolAdmin(log);
        admin.AddUser("jane", "sub-jane", "acme");
        var issued = await new RecoveryCodeIssuer(codes, time).IssueAsync("acme", "sub-jane", 3, Ct);
        var trail = new AuditTrail(audit, time);
        var service = new TotpRecoveryService(new TenantResolver(new FakePolicyStore(log, Acme)), new RecoveryAttempts(new FakeLimiter(log), time),
            codes, admin, new LostFactorRemoval(admin, records, codes), new DestructiveAction(trail), trail);
        audit.Down = true;

        var ex = await Assert.ThrowsAsync<EnrollmentException>(() => service.RecoverAsync(
            new CallerContext { RequestId = "r", ClientId = "acme-app", Username = "jane", SourceIp = "203.0.113.9" },
            RecoveryCode.Normalize(issued.Codes[0])!, Ct));

        Assert.Equal(ErrorCode.ServiceUnavailable, ex.Code);
        Assert.Empty(admin.Removed);
        Assert.Empty(admin.SignedOut);
    }

    [Fact]
    public async Task Removing_ones_own_authenticator_with_the_audit_store_down_changes_nothing_at_cognito()
    {
        var log = new CallLog();
        var pool = new FakeUserPool(log) { HasSoftwareToken = true, TenantAttribute = "acme" };
        var audit = new FakeAuditLog(log);
        var time = new TestClock(AdminWorld.Now);
        var service = new TotpLifecycleService(new TenantResolver(new FakePolicyStore(log, Acme), new TenantBindingReader(pool.Binding, time)), pool,
            new FakeRecordStore(log), new FakeRecoveryCodeStore(log), new FakeLimiter(log), new AuditTrail(audit, time), time);
        audit.Down = true;

        await Assert.ThrowsAsync<EnrollmentException>(() => service.DisableAsync(
            new CallerContext { RequestId = "r", ClientId = "acme-app", Username = "jane", UserSub = "sub-1", AuthTime = time.Now }, "token", Ct));

        Assert.DoesNotContain("cognito:Disable", log.Calls);
        Assert.True(pool.HasSoftwareToken);
    }

    [Fact]
    public async Task A_reset_keeps_the_grace_start_and_only_an_audited_admin_grant_starts_a_new_one()
    {
        var world = new AdminWorld();
        await world.Store.PutAsync(AdminWorld.Acme with { Mfa = new MfaRules { Required = true, GracePeriodDays = 7 } }, 1, Ct);
        world.UserPool.AddUser("jane", "sub-jane", "acme");
        var firstSignIn = AdminWorld.Now.AddDays(-30);
        world.GraceStarts.Seed("acme", "sub-jane", firstSignIn);

        await world.Reset.ResetAsync(AdminWorld.AcmeAdmin(), "acme", "jane", Ct);
        Assert.Equal(firstSignIn, world.GraceStarts.StartOf("acme", "sub-jane")); // the reset did not restart it

        var granted = await world.Grace.GrantAsync(AdminWorld.AcmeAdmin(), "acme", "jane", Ct);

        Assert.Equal((AdminWorld.Now, AdminWorld.Now.AddDays(7)), (granted.StartedAt, granted.EndsAt));
        Assert.Equal(AdminWorld.Now, world.GraceStarts.StartOf("acme", "sub-jane"));
        var e = world.Audit.Events[^1];
        Assert.Equal((AuditEventType.GraceGranted, AuditOutcome.Success, "jane", "sub-jane", "alice"), (e.EventType, e.Outcome, e.Username, e.UserSub, e.Actor));
    }

    [Fact]
    public async Task Another_tenants_admin_cannot_grant_grace_and_a_non_member_is_not_found()
    {
        var world = new AdminWorld();
        await world.Store.PutAsync(AdminWorld.Acme with { Mfa = new MfaRules { Required = true, GracePeriodDays = 7 } }, 1, Ct);
        world.UserPool.AddUser("gina", "sub-gina", "globex");

        var across = await Assert.ThrowsAsync<EnrollmentException>(() => world.Grace.GrantAsync(AdminWorld.GlobexAdmin(), "acme", "gina", Ct));
        var notMember = await Assert.ThrowsAsync<EnrollmentException>(() => world.Grace.GrantAsync(AdminWorld.AcmeAdmin(), "acme", "gina", Ct));

        Assert.Equal(ErrorReasons.NotTenantAdmin, across.Reason);
        Assert.Equal(ErrorCode.NotFound, notMember.Code);
        Assert.Null(world.GraceStarts.StartOf("globex", "sub-gina"));
        Assert.Null(world.GraceStarts.StartOf("acme", "sub-gina"));
    }

    [Fact]
    public async Task Grace_cannot_be_granted_where_the_tenant_has_none()
    {
        var world = new AdminWorld();
        world.UserPool.AddUser("jane", "sub-jane", "acme");

        var ex = await Assert.ThrowsAsync<EnrollmentException>(() => world.Grace.GrantAsync(AdminWorld.AcmeAdmin(), "acme", "jane", Ct));

        Assert.Equal((ErrorCode.Conflict, "GRACE_PERIOD_DISABLED"), (ex.Code, ex.Reason));
        Assert.Null(world.GraceStarts.StartOf("acme", "sub-jane"));
    }
}
