using Enrollment.Core.Admin;
using Enrollment.Core.Errors;
using Enrollment.Core.Policy;

namespace Enrollment.Core.Tests.Admin;

public sealed class TenantAdminAuthorizerTests
{
    private readonly AdminWorld _world = new();
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_member_of_the_tenants_admin_group_signed_in_through_its_app_is_its_administrator()
    {
        var authorization = await _world.Authorizer.AuthorizeAsync(AdminWorld.AcmeAdmin(), "acme", Ct);

        var admin = authorization.Demand();
        Assert.Equal("acme", admin.TenantId);
        Assert.Equal(1, admin.Policy.Version);
        Assert.Equal(["tenant:acme"], _world.Store.Reads);
    }

    [Fact]
    public async Task Without_a_tenant_claim_the_callers_own_binding_decides_the_tenant_never_the_app_client()
    {
        var admin = (await _world.Authorizer.AuthorizeAsync(AdminWorld.AcmeAdmin(tenantClaim: false), "acme", Ct)).Demand();
        Assert.Equal("acme", admin.TenantId);

        var denied = await _world.Authorizer.AuthorizeAsync(AdminWorld.AcmeAdmin(tenantClaim: false), "globex", Ct);
        Assert.Null(denied.Administrator);
        Assert.Null(denied.OwnTenant);

        // A globex user signed in through acme's public client id, in acme's admin group name: still globex's user.
        var borrowed = AdminWorld.Caller("gary", "sub-gary", null, "acme-app", false, ["acme-admins"]);
        Assert.Null((await _world.Authorizer.AuthorizeAsync(borrowed, "acme", Ct)).Administrator);

        // No binding at all: a member of no tenant.
        var unbound = AdminWorld.Caller("nobody", "sub-nobody", null, "acme-app", false, ["acme-admins"]);
        Assert.Null((await _world.Authorizer.AuthorizeAsync(unbound, "acme", Ct)).Administrator);
    }

    [Fact]
    public async Task Another_tenant_and_no_such_tenant_get_the_same_answer_without_reading_the_named_tenant()
    {
        var other = await _world.Authorizer.AuthorizeAsync(AdminWorld.AcmeAdmin(), "globex", Ct);
        var missing = await _world.Authorizer.AuthorizeAsync(AdminWorld.AcmeAdmin(), "initech", Ct);
        var malformed = await _world.Authorizer.AuthorizeAsync(AdminWorld.AcmeAdmin(), "../acme", Ct);

        Assert.Equal(other, missing);
        Assert.Equal(other, malformed);
        Assert.Empty(_world.Store.Reads);
        var a = Assert.Throws<EnrollmentException>(() => other.Demand());
        var b = Assert.Throws<EnrollmentException>(() => missing.Demand());
        Assert.Equal((ErrorCode.PolicyDenied, ErrorReasons.NotTenantAdmin, a.Message), (b.Code, b.Reason, b.Message));
    }

    [Theory]
    [InlineData("not in the group", "acme-app", false, "users")]
    [InlineData("group names are case-sensitive", "acme-app", false, "ACME-ADMINS")]
    [InlineData("another tenant's admin group", "acme-app", false, "globex-admins")]
    [InlineData("enrollment-only token", "acme-app", true, "acme-admins")]
    [InlineData("an app client the tenant does not list", "other-app", false, "acme-admins")]
    public async Task A_member_of_the_tenant_is_refused_unless_every_condition_holds(string why, string clientId, bool enrollmentOnly, string group)
    {
        var authorization = await _world.Authorizer.AuthorizeAsync(AdminWorld.AcmeAdmin(clientId: clientId, enrollmentOnly: enrollmentOnly, groups: [group]), "acme", Ct);

        Assert.True(authorization.Administrator is null, why);
        Assert.Equal("acme", authorization.OwnTenant?.TenantId); // the denial is audited in the caller's own tenant
    }

    [Fact]
    public async Task An_admin_of_another_tenant_is_nobody_here()
    {
        var authorization = await _world.Authorizer.AuthorizeAsync(AdminWorld.GlobexAdmin(), "acme", Ct);
        Assert.Null(authorization.Administrator);
        Assert.Null(authorization.OwnTenant);
    }

    [Fact]
    public async Task A_store_failure_is_not_a_decision()
    {
        _world.Store.Down = true;
        var failure = await Assert.ThrowsAsync<EnrollmentException>(() => _world.Authorizer.AuthorizeAsync(AdminWorld.AcmeAdmin(), "acme", Ct));
        Assert.Equal(ErrorCode.ServiceUnavailable, failure.Code);
    }
}
