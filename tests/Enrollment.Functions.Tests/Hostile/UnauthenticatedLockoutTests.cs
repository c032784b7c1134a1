using System.Text.Json.Nodes;
using Enrollment.Functions.Tests.Integration;
using Enrollment.Infrastructure.Cognito.Model;
using Enrollment.Local.Cognito;
using Enrollment.Testing;

namespace Enrollment.Functions.Tests.Hostile;

/// <summary>
/// Issue 8 (5), no lock-out and no audit injection without a token: the session routes take a username in the body, so
/// before Cognito proved a user they may count only the source (an IPv4 address, an IPv6 /64) and may write no audit
/// item naming that user. Here an attacker sprays the victim's username, with sessions Cognito refuses and with a valid
/// session of their own pool and wrong codes; the victim then enrolls with their own token as if nothing happened.
/// </summary>
[Collection(MotoBackendCollection.Name)]
public sealed class UnauthenticatedLockoutTests(MotoBackend backend)
{
    private readonly StringWriter _log = new();

    [Fact]
    public async Task Sprayed_attempts_with_the_victims_username_neither_lock_the_victim_out_nor_appear_in_the_victims_audit()
    {
        var ours = await CognitoTestPool.CreateAsync(backend.Cognito, MfaConfigurations.Optional);
        var tenant = await backend.CreateTenantAsync(ours, p => p with
        {
            Enrollment = p.Enrollment with { MaxAssociationsPerHour = 2 },
            Verification = p.Verification with { MaxFailuresPerHour = 2 },
        });
        var victim = await BoundUsers.CreateConfirmedAsync(ours, tenant.TenantId);
        var victimToken = (await ours.SignInAsync(victim, CognitoTestPool.Password)).AuthenticationResult!.AccessToken!;
        var victimSub = BoundUsers.ClaimsOf(victimToken)["sub"];
        var functions = backend.Functions(_log, userPoolId: ours.PoolId);

        // The attacker's own pool gives a session Cognito accepts for VerifySoftwareToken, so wrong codes are real failures.
        var theirs = await CognitoTestPool.CreateAsync(backend.Cognito, MfaConfigurations.On);
        var attacker = await BoundUsers.CreateAsync(theirs, tenant.TenantId);
        var setup = await BoundUsers.MfaSetupSessionAsync(theirs, attacker);
        var association = await theirs.Client.AssociateSoftwareTokenAsync(new AssociateSoftwareTokenRequest { Session = setup }, TestContext.Current.CancellationToken);
        var session = association.Session!;
        var wrongCode = TotpGenerator.WrongCode(association.SecretCode!);
        const string attackerIp = "198.51.100.23";

        for (var i = 0; i < 4; i++)
        {
            var associate = await BackedFunctions.Call(functions.ChallengeAssociate.Handle, HttpApiRequestBuilder.Post("/v1/challenge/totp/associate").WithSourceIp(attackerIp)
                .WithBody($$"""{"session":"{{new string('A', 40)}}","username":"{{victim}}","clientId":"{{ours.ClientId}}"}"""));
            associate.AssertError(401, "UNAUTHORIZED");
            var verify = await BackedFunctions.Call(functions.ChallengeVerify.Handle, HttpApiRequestBuilder.Post("/v1/challenge/totp/verify").WithSourceIp(attackerIp)
                .WithBody($$"""{"session":"{{session}}","username":"{{victim}}","clientId":"{{ours.ClientId}}","code":"{{wrongCode}}"}"""));
            Assert.True(verify.StatusCode is 400, verify.BodyText); // CODE_MISMATCH: a real failure, counted for the source
        }

        Assert.Empty(await BoundUsers.AuditNamingAsync(backend, victim, victimSub));
        Assert.Empty(await BoundUsers.StateOfAsync(backend, victim, victimSub));

        // The victim, from home, with their own token: not locked out of either step.
        HttpApiRequestBuilder Me(string path) => HttpApiRequestBuilder.Post(path).WithAccessToken(victimToken, victim, ours.ClientId).WithSourceIp("203.0.113.50");
        var mine = await BackedFunctions.Call(functions.MeAssociate.Handle, Me("/v1/me/totp/associate"));
        Assert.True(mine.StatusCode == 200, mine.BodyText);
        var code = await TotpGenerator.FreshCodeAsync(mine.Data.GetProperty("secretCode").GetString()!);
        var verified = await BackedFunctions.Call(functions.MeVerify.Handle, Me("/v1/me/totp/verify").WithBody(new JsonObject { ["code"] = code }.ToJsonString()));
        Assert.True(verified.StatusCode == 200, verified.BodyText);
    }

    [Fact]
    public async Task The_session_routes_count_sources_an_ipv4_address_alone_and_an_ipv6_64_as_one()
    {
        var pool = await CognitoTestPool.CreateAsync(backend.Cognito, MfaConfigurations.Optional);
        var tenant = await backend.CreateTenantAsync(pool, p => p with { Enrollment = p.Enrollment with { MaxAssociationsPerHour = 1 } });
        var functions = backend.Functions(_log, userPoolId: pool.PoolId);
        Task<FunctionResponse> AssociateFrom(string ip, string username) => BackedFunctions.Call(functions.ChallengeAssociate.Handle,
            HttpApiRequestBuilder.Post("/v1/challenge/totp/associate").WithSourceIp(ip)
                .WithBody($$"""{"session":"{{new string('B', 40)}}","username":"{{username}}","clientId":"{{pool.ClientId}}"}"""));

        // A source gets ten times the per-user limit (many users share a NAT); rotating usernames does not help.
        var perSource = 1 * Core.Limits.RateLimitSubjects.UsersPerSource;
        for (var i = 0; i < perSource; i++)
            (await AssociateFrom(i % 2 == 0 ? "2001:db8:7:7::1" : "2001:db8:7:7:ffff:1:2:3", $"name-{i}")).AssertError(401, "UNAUTHORIZED");
        var limited = await AssociateFrom("2001:db8:7:7::abcd", "yet-another-name");
        limited.AssertError(429, "RATE_LIMITED");
        Assert.Equal("ASSOCIATION_LIMIT", limited.Reason);

        // Another /64 and an IPv4 address are other sources.
        (await AssociateFrom("2001:db8:7:8::1", "name-0")).AssertError(401, "UNAUTHORIZED");
        (await AssociateFrom("198.51.100.99", "name-0")).AssertError(401, "UNAUTHORIZED");
        _ = tenant;
    }
}
