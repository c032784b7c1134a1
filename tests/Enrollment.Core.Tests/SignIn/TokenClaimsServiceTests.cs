using Enrollment.Core.Audit;
using Enrollment.Core.Errors;
using Enrollment.Core.SignIn;
using Enrollment.Core.Totp;
using Enrollment.Testing;

namespace Enrollment.Core.Tests.SignIn;

public sealed class TokenClaimsServiceTests
{
    private static readonly string[] OAuthScopes = ["openid", "email", "aws.cognito.signin.user.admin", "https://api.example.com/orders.read"];
    private readonly SignInWorld _world = new();

    private Task<TokenCustomization> ForAsync(string username, string clientId = SignInWorld.DemoClient, string? tenant = "demo") =>
        _world.TokenClaims.CustomizeAsync(SignInWorld.Attempt(username, clientId: clientId, tenant: tenant), OAuthScopes, TestContext.Current.CancellationToken);

    [Fact]
    public async Task An_enrolled_user_gets_the_tenant_and_full_scopes()
    {
        var result = await ForAsync("enrolled-user");
        Assert.Equal("demo", result.Claims["tenant_id"]);
        Assert.Equal("true", result.Claims["mfa_enrolled"]);
        Assert.Equal("false", result.Claims["mfa_enrollment_required"]);
        Assert.False(result.Claims.ContainsKey("mfa_enrollment_only"));
        Assert.Empty(result.ScopesToSuppress);
        Assert.Equal(SignInReasons.TokensFullAccess, result.Reason);
        Assert.Equal(AuditEventType.AuthChallenge, Assert.Single(_world.Audit.Events).EventType);
    }

    [Fact]
    public async Task Within_the_grace_period_the_user_is_told_to_enroll_and_keeps_every_scope()
    {
        var result = await ForAsync("new-user");
        Assert.Equal("true", result.Claims["mfa_enrollment_required"]);
        Assert.Equal("2026-03-15T10:00:00Z", result.Claims["mfa_grace_ends_at"]);
        Assert.Empty(result.ScopesToSuppress);
        Assert.Equal(SignInReasons.TokensEnrollmentGrace, result.Reason);
    }

    [Fact]
    public async Task After_the_grace_period_every_scope_but_enrollment_is_suppressed()
    {
        var result = await ForAsync("late-user");
        Assert.Equal("true", result.Claims["mfa_enrollment_only"]);
        Assert.Equal(["openid", "email", "https://api.example.com/orders.read"], result.ScopesToSuppress);
        Assert.Equal(SignInReasons.TokensEnrollmentOnly, result.Reason);
    }

    [Fact]
    public async Task After_a_recovery_sign_in_tokens_are_for_enrollment_until_a_newer_enrollment()
    {
        var recovered = await ForAsync("recovered-user");
        Assert.Equal("false", recovered.Claims["mfa_enrolled"]);
        Assert.Equal("true", recovered.Claims["mfa_enrollment_only"]);
        Assert.NotEmpty(recovered.ScopesToSuppress);

        await _world.Enrollments.PutAsync(new EnrollmentRecord("demo", SignInWorld.Sub("recovered-user"), "sub-recovered", "New phone", SignInWorld.Start), TestContext.Current.CancellationToken);
        var reenrolled = await ForAsync("recovered-user");
        Assert.Equal("true", reenrolled.Claims["mfa_enrolled"]);
        Assert.Empty(reenrolled.ScopesToSuppress);
    }

    [Fact]
    public async Task A_tenant_without_the_requirement_never_restricts()
    {
        _world.UserPool.AddUser("someone");
        var result = await ForAsync("someone", SignInWorld.RelaxedClient, tenant: "relaxed");
        Assert.Equal("relaxed", result.Claims["tenant_id"]);
        Assert.Equal("false", result.Claims["mfa_enrollment_required"]);
        Assert.Empty(result.ScopesToSuppress);
        Assert.DoesNotContain(_world.Grace.Users, u => u.StartsWith("relaxed|"));
    }

    [Fact]
    public async Task An_app_client_of_no_tenant_or_of_another_tenant_gets_no_tokens()
    {
        foreach (var client in new[] { "stranger", SignInWorld.RelaxedClient })
        {
            var failure = await Assert.ThrowsAsync<EnrollmentException>(() => ForAsync("enrolled-user", client));
            Assert.Equal(SignInReasons.ClientOfAnotherTenant, failure.Reason);
        }
        // Recorded once each, in the user's tenant, as denied: the tenant comes from the binding, never from the client.
        Assert.All(_world.Audit.Events, e => Assert.Equal(("demo", AuditOutcome.Denied, SignInReasons.ClientOfAnotherTenant), (e.TenantId, e.Outcome, e.Reason)));
        Assert.Equal(2, _world.Audit.Events.Count);
    }

    [Fact]
    public async Task A_user_of_no_tenant_gets_no_tokens_and_the_claim_is_the_binding_not_the_client()
    {
        var unbound = await Assert.ThrowsAsync<EnrollmentException>(() => ForAsync("enrolled-user", tenant: null));
        Assert.Equal(SignInReasons.UserNotInTenant, unbound.Reason);

        // A user of the relaxed tenant signing in through the demo app: refused, not given demo's (or relaxed's) claims.
        _world.UserPool.AddUser("someone");
        var other = await Assert.ThrowsAsync<EnrollmentException>(() => ForAsync("someone", SignInWorld.DemoClient, tenant: "relaxed"));
        Assert.Equal(SignInReasons.ClientOfAnotherTenant, other.Reason);
        Assert.Equal("relaxed", _world.Audit.Events[^1].TenantId);
    }

    [Fact]
    public async Task A_store_that_cannot_be_reached_fails_the_tokens()
    {
        _world.Recoveries.Down = true;
        var failure = await Assert.ThrowsAsync<EnrollmentException>(() => ForAsync("enrolled-user"));
        Assert.Equal(ErrorCode.ServiceUnavailable, failure.Code);
    }
}
