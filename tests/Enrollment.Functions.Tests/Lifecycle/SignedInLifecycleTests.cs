using Enrollment.Core.UserPool;
using Enrollment.Infrastructure.Cognito.Model;
using Enrollment.Testing;

namespace Enrollment.Functions.Tests.Lifecycle;

/// <summary>GET and DELETE /v1/me/totp, POST /v1/me/totp/recovery-codes and replacing an authenticator: success and every denial, on moto.</summary>
[Collection(LifecycleCollection.Name)]
public sealed class SignedInLifecycleTests(LifecycleStack stack)
{
    private readonly LifecycleFunctions _app = new(stack);

    private static HttpApiRequestBuilder Status() => HttpApiRequestBuilder.Get("/v1/me/totp");
    private static HttpApiRequestBuilder Disable() => HttpApiRequestBuilder.Delete("/v1/me/totp");
    private static HttpApiRequestBuilder NewCodes() => HttpApiRequestBuilder.Post("/v1/me/totp/recovery-codes").WithBody("{}");

    [Fact]
    public async Task Status_of_a_user_without_an_authenticator_has_the_same_shape_with_nulls()
    {
        var user = await _app.NewUserAsync();

        var response = await _app.SendAsync(_app.SignedIn(Status(), user, signedInSecondsAgo: 86400));

        Assert.Equal(200, response.StatusCode);
        Assert.Equal("""{"enrolled":false,"preferred":false,"deviceName":null,"enrolledAt":null,"recoveryCodesRemaining":0}""", response.Data.GetRawText());
    }

    [Fact]
    public async Task Status_denials_unknown_tenant_no_claims_and_a_token_cognito_refuses()
    {
        var user = await _app.NewUserAsync();

        // The user is bound to the demo tenant: a token of another tenant's app client is refused.
        var other = await _app.SendAsync(Status().WithAccessToken(user.AccessToken, user.Username, LifecycleStack.StrictClientId).WithHeader("x-app-version", "2.3.1"));
        other.AssertError(403, "POLICY_DENIED");
        Assert.Equal("CLIENT_OF_ANOTHER_TENANT", other.Reason);
        // A tenant_id claim naming a tenant that has no policy.
        var unknown = await _app.SendAsync(Status().WithAccessToken(user.AccessToken, user.Username, stack.Pool.ClientId, tenantId: "no-such-tenant").WithHeader("x-app-version", "2.3.1"));
        unknown.AssertError(403, "POLICY_DENIED");
        Assert.Equal("TENANT_NOT_FOUND", unknown.Reason);

        (await _app.SendAsync(Status())).AssertError(401, "UNAUTHORIZED");
        (await _app.SendAsync(_app.SignedIn(Status(), user with { AccessToken = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0.c2ln" }))).AssertError(401, "UNAUTHORIZED");
    }

    [Fact]
    public async Task Disable_after_a_recent_sign_in_removes_the_factor_record_and_codes_and_is_audited()
    {
        var user = await _app.NewUserAsync();
        var (verify, _, _) = await _app.EnrollAsync(user);
        var codes = LifecycleFunctions.CodesOf(verify);

        var stale = await _app.SendAsync(_app.SignedIn(Disable(), user, signedInSecondsAgo: 301));
        stale.AssertError(403, "POLICY_DENIED");
        Assert.Equal("REAUTHENTICATION_REQUIRED", stale.Reason);

        var noAuthTime = _app.SignedIn(Disable(), user);
        noAuthTime.WithClaim("auth_time", "");
        Assert.Equal("REAUTHENTICATION_REQUIRED", (await _app.SendAsync(noAuthTime)).Reason);

        var network = await _app.SendAsync(_app.SignedIn(Disable(), user).WithSourceIp("198.51.100.7"));
        Assert.Equal((403, "NETWORK_NOT_ALLOWED"), (network.StatusCode, network.Reason));

        var disabled = await _app.SendAsync(_app.SignedIn(Disable(), user));
        Assert.Equal(200, disabled.StatusCode);
        Assert.Equal("""{"status":"DISABLED","mfaEnabled":false}""", disabled.Data.GetRawText());

        Assert.Null((await stack.Pool.SignInAsync(user.Username, CognitoTestPool.Password)).ChallengeName);
        var status = await _app.SendAsync(_app.SignedIn(Status(), user));
        Assert.False(status.Data.GetProperty("enrolled").GetBoolean());
        var events = await stack.AuditOfAsync(user.Username);
        Assert.Equal(["DENIED", "DENIED", "DENIED", "STARTED", "SUCCESS"], events.Where(e => e["eventType"].S == "TOTP_DISABLE").Select(e => e["outcome"].S));

        // The codes went with it: one no longer recovers anything, and disabling again is a conflict.
        Assert.Equal(202, (await _app.RecoverAsync(user.Username, codes[0], stack.NextSourceIp())).StatusCode);
        Assert.DoesNotContain(await stack.AuditOfAsync(user.Username), e => e["eventType"].S == "TOTP_RECOVERY"); // proved nothing: names no user
        var again = await _app.SendAsync(_app.SignedIn(Disable(), user));
        again.AssertError(409, "CONFLICT");
        Assert.Equal("NOT_ENROLLED", again.Reason);
    }

    [Fact]
    public async Task Disable_is_refused_where_the_tenant_requires_mfa()
    {
        var user = await _app.NewUserAsync();
        await _app.EnrollAsync(user);

        var response = await _app.SendAsync(_app.SignedIn(Disable(), user, tenantId: LifecycleStack.StrictTenant, clientId: LifecycleStack.StrictClientId));

        response.AssertError(403, "POLICY_DENIED");
        Assert.Equal("MFA_REQUIRED", response.Reason);
        Assert.Equal(ChallengeNames.SoftwareTokenMfa, (await stack.Pool.SignInAsync(user.Username, CognitoTestPool.Password)).ChallengeName);
        Assert.Equal("MFA_REQUIRED", (await stack.AuditOfAsync(user.Username, LifecycleStack.StrictTenant)).Single()["reason"].S);
    }

    [Fact]
    public async Task New_recovery_codes_replace_the_old_set_and_are_audited()
    {
        var user = await _app.NewUserAsync();
        var (verify, _, _) = await _app.EnrollAsync(user);
        var old = LifecycleFunctions.CodesOf(verify);

        var stale = await _app.SendAsync(_app.SignedIn(NewCodes(), user, signedInSecondsAgo: 3600));
        Assert.Equal((403, "REAUTHENTICATION_REQUIRED"), (stale.StatusCode, stale.Reason));

        var response = await _app.SendAsync(_app.SignedIn(NewCodes(), user));
        Assert.Equal(200, response.StatusCode);
        var codes = LifecycleFunctions.CodesOf(response);
        Assert.Equal(10, codes.Count);
        Assert.Empty(codes.Intersect(old));
        Assert.True(DateTimeOffset.UtcNow - DateTimeOffset.Parse(response.Data.GetProperty("issuedAt").GetString()!) < TimeSpan.FromMinutes(1));
        Assert.Equal(("RECOVERY_CODES_ISSUED", "SUCCESS"), ((await stack.AuditOfAsync(user.Username)).Last()["eventType"].S, (await stack.AuditOfAsync(user.Username)).Last()["outcome"].S));

        // An old code no longer recovers; a new one does.
        await _app.RecoverAsync(user.Username, old[0], stack.NextSourceIp());
        Assert.Equal(ChallengeNames.SoftwareTokenMfa, (await stack.Pool.SignInAsync(user.Username, CognitoTestPool.Password)).ChallengeName);
        await _app.RecoverAsync(user.Username, codes[0], stack.NextSourceIp());
        Assert.Null((await stack.Pool.SignInAsync(user.Username, CognitoTestPool.Password)).ChallengeName);
    }

    [Fact]
    public async Task New_recovery_codes_need_an_authenticator_and_a_tenant_that_uses_them()
    {
        var user = await _app.NewUserAsync();

        var notEnrolled = await _app.SendAsync(_app.SignedIn(NewCodes(), user));
        notEnrolled.AssertError(409, "CONFLICT");
        Assert.Equal("NOT_ENROLLED", notEnrolled.Reason);

        var off = await _app.SendAsync(_app.SignedIn(NewCodes(), user, tenantId: LifecycleStack.StrictTenant, clientId: LifecycleStack.StrictClientId));
        off.AssertError(403, "POLICY_DENIED");
        Assert.Equal("RECOVERY_CODES_DISABLED", off.Reason);

        var malformed = await _app.SendAsync(_app.SignedIn(HttpApiRequestBuilder.Post("/v1/me/totp/recovery-codes").WithBody("[1,"), user));
        malformed.AssertError(400, "VALIDATION_ERROR");
    }

    [Fact]
    public async Task Replacing_an_authenticator_needs_a_recent_sign_in_where_the_tenant_allows_it_at_all()
    {
        var user = await _app.NewUserAsync();
        await _app.EnrollAsync(user);
        HttpApiRequestBuilder Associate(string tenant, string client, int ago) =>
            _app.SignedIn(HttpApiRequestBuilder.Post("/v1/me/totp/associate"), user, ago, tenant, client);

        var demo = await _app.SendAsync(Associate(LifecycleStack.DemoTenant, stack.Pool.ClientId, 5));
        Assert.Equal((403, "ALREADY_ENROLLED"), (demo.StatusCode, demo.Reason));

        var stale = await _app.SendAsync(Associate(LifecycleStack.StrictTenant, LifecycleStack.StrictClientId, 301));
        Assert.Equal((403, "REAUTHENTICATION_REQUIRED"), (stale.StatusCode, stale.Reason));

        var fresh = await _app.SendAsync(Associate(LifecycleStack.StrictTenant, LifecycleStack.StrictClientId, 30));
        Assert.Equal(200, fresh.StatusCode);
        Assert.False(string.IsNullOrEmpty(fresh.Data.GetProperty("secretCode").GetString()));
    }
}
