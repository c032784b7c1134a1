using Enrollment.Core.Errors;
using Enrollment.Core.Policy;
using Enrollment.Functions.Tests.Integration;
using Enrollment.Infrastructure.Cognito.Model;
using Enrollment.Local.Cognito;
using Enrollment.Infrastructure.DynamoDb;
using Enrollment.Testing;

namespace Enrollment.Functions.Tests.Hostile;

/// <summary>
/// Issue 8 (1), no identity from a body: an attacker with a user pool of their own in the same region (a second pool in
/// the same moto) takes an MFA_SETUP session there for a user named like the victim, and sends it to the session routes
/// with the victim's username and a client id of the victim's tenant, or of a tenant whose administrator listed the
/// attacker's own app client. VerifySoftwareToken accepts any pool's session, so only finishing MFA_SETUP on the server
/// and checking the tokens' issuer, client and tenant can tell. Nothing may be written for the victim.
/// </summary>
[Collection(MotoBackendCollection.Name)]
public sealed class ForeignSessionTests(MotoBackend backend)
{
    private readonly StringWriter _log = new();

    private static HttpApiRequestBuilder Associate(string session, string username, string clientId) =>
        HttpApiRequestBuilder.Post("/v1/challenge/totp/associate").WithSourceIp("198.51.100.66")
            .WithBody($$"""{"session":"{{session}}","username":"{{username}}","clientId":"{{clientId}}"}""");

    private static HttpApiRequestBuilder Verify(string session, string username, string clientId, string code) =>
        HttpApiRequestBuilder.Post("/v1/challenge/totp/verify").WithSourceIp("198.51.100.66")
            .WithBody($$"""{"session":"{{session}}","username":"{{username}}","clientId":"{{clientId}}","code":"{{code}}","deviceName":"Attacker phone"}""");

    /// <summary>Associate and verify through our routes with a session of the attacker's pool; the verify answer.</summary>
    private async Task<FunctionResponse> EnrollThroughUsAsync(BackedFunctions functions, string session, string username, string clientId)
    {
        var associate = await BackedFunctions.Call(functions.ChallengeAssociate.Handle, Associate(session, username, clientId));
        Assert.True(associate.StatusCode == 200, associate.BodyText); // Cognito accepts any pool's session for this
        var secret = associate.Data.GetProperty("secretCode").GetString()!;
        var next = associate.Data.GetProperty("session").GetString()!;
        return await BackedFunctions.Call(functions.ChallengeVerify.Handle, Verify(next, username, clientId, await TotpGenerator.FreshCodeAsync(secret)));
    }

    [Fact]
    public async Task A_session_of_the_attackers_pool_with_the_victims_client_id_writes_nothing_for_the_victim()
    {
        var ours = await CognitoTestPool.CreateAsync(backend.Cognito, MfaConfigurations.On);
        var tenant = await backend.CreateTenantAsync(ours);
        var victim = await BoundUsers.CreateAsync(ours, tenant.TenantId);
        var victimSub = await BoundUsers.SubOfAsync(ours, victim);

        var theirs = await CognitoTestPool.CreateAsync(backend.Cognito, MfaConfigurations.On);
        await BoundUsers.CreateAsync(theirs, tenant.TenantId, username: victim); // their pool, their attributes
        var session = await BoundUsers.MfaSetupSessionAsync(theirs, victim);

        var verify = await EnrollThroughUsAsync(backend.Functions(_log, userPoolId: ours.PoolId), session, victim, ours.ClientId);

        Assert.True(verify.StatusCode is 401 or 403, verify.BodyText);
        Assert.DoesNotContain("accessToken", verify.BodyText);
        Assert.Empty(await BoundUsers.StateOfAsync(backend, victim, victimSub));
        Assert.Empty(await BoundUsers.AuditNamingAsync(backend, victim, victimSub));
    }

    [Fact]
    public async Task A_tenant_that_lists_the_attackers_own_app_client_gets_tokens_of_the_wrong_issuer_and_writes_nothing()
    {
        var ours = await CognitoTestPool.CreateAsync(backend.Cognito, MfaConfigurations.On);
        var tenant = await backend.CreateTenantAsync(ours);
        var victim = await BoundUsers.CreateAsync(ours, tenant.TenantId);
        var victimSub = await BoundUsers.SubOfAsync(ours, victim);

        // A tenant administrator may name any app client id; this one names a client of the attacker's pool.
        var theirs = await CognitoTestPool.CreateAsync(backend.Cognito, MfaConfigurations.On);
        var evil = await backend.CreateTenantAsync(theirs);
        await BoundUsers.CreateAsync(theirs, evil.TenantId, username: victim);
        var session = await BoundUsers.MfaSetupSessionAsync(theirs, victim);

        var verify = await EnrollThroughUsAsync(backend.Functions(_log, userPoolId: ours.PoolId), session, victim, theirs.ClientId);

        verify.AssertError(401, "UNAUTHORIZED");
        Assert.Contains("user pool", verify.Body.GetProperty("error").GetProperty("message").GetString());
        Assert.DoesNotContain("accessToken", verify.BodyText);
        Assert.Empty(await BoundUsers.StateOfAsync(backend, victim, victimSub));
        Assert.Empty(await BoundUsers.AuditNamingAsync(backend, victim, victimSub));
        // The refusal is still audited, in the tenant the client named, without a user.
        var refused = (await BoundUsers.AllAuditAsync(backend)).Where(i => i["tenantId"].S == evil.TenantId && i["eventType"].S == "TOTP_VERIFY").ToList();
        Assert.Equal("FAILED", Assert.Single(refused)["outcome"].S);
        Assert.False(refused[0].ContainsKey("username"));
    }

    [Fact]
    public async Task A_user_bound_to_another_tenant_or_to_none_cannot_enroll_through_this_tenants_client()
    {
        var ours = await CognitoTestPool.CreateAsync(backend.Cognito, MfaConfigurations.On);
        var tenant = await backend.CreateTenantAsync(ours);
        var functions = backend.Functions(_log, userPoolId: ours.PoolId);

        var stranger = await BoundUsers.CreateAsync(ours, "some-other-tenant");
        var across = await EnrollThroughUsAsync(functions, await BoundUsers.MfaSetupSessionAsync(ours, stranger), stranger, ours.ClientId);
        across.AssertError(403, "POLICY_DENIED");
        Assert.Equal(ErrorReasons.ClientOfAnotherTenant, across.Reason);

        var unbound = await BoundUsers.CreateAsync(ours, tenantId: null);
        var none = await EnrollThroughUsAsync(functions, await BoundUsers.MfaSetupSessionAsync(ours, unbound), unbound, ours.ClientId);
        none.AssertError(403, "POLICY_DENIED");
        Assert.Equal(ErrorReasons.UserNotInTenant, none.Reason);

        foreach (var user in new[] { stranger, unbound })
        {
            var sub = await BoundUsers.SubOfAsync(ours, user);
            Assert.Empty(await BoundUsers.StateOfAsync(backend, user, sub));
            Assert.Empty(await BoundUsers.AuditNamingAsync(backend, user, sub));
        }
        Assert.DoesNotContain("accessToken", across.BodyText + none.BodyText);
        _ = tenant;
    }
}
