using Enrollment.Infrastructure.Cognito.Model;
using Enrollment.Local.Cognito;
using Enrollment.Testing;

namespace Enrollment.Functions.Tests.Integration;

/// <summary>
/// The limits hold under parallel requests, and when Cognito or DynamoDB cannot be reached the service
/// fails closed: the right status and no secret.
/// </summary>
[Collection(MotoBackendCollection.Name)]
public sealed class ConcurrencyAndFaultTests(MotoBackend backend)
{
    private readonly StringWriter _log = new();

    [Fact]
    public async Task Parallel_associates_for_one_user_get_exactly_the_hourly_limit_of_secrets_and_one_audit_item_each()
    {
        const int limit = 4, attempts = 16;
        var pool = await CognitoTestPool.CreateAsync(backend.Cognito, MfaConfigurations.Optional);
        var tenant = await backend.CreateTenantAsync(pool, p => p with { Enrollment = p.Enrollment with { MaxAssociationsPerHour = limit, AllowReplace = true } });
        var username = await pool.CreateConfirmedUserAsync();
        var accessToken = await pool.SignInForAccessTokenAsync(username);
        var functions = backend.Functions(_log, serializeDynamo: true);

        var responses = await Task.WhenAll(Enumerable.Range(0, attempts).Select(_ => Task.Run(() => BackedFunctions.Call(functions.MeAssociate.Handle,
            HttpApiRequestBuilder.Post("/v1/me/totp/associate").WithAccessToken(accessToken, username, pool.ClientId)))));

        Assert.Equal(limit, responses.Count(r => r.StatusCode == 200 && r.Data.TryGetProperty("secretCode", out _)));
        var limited = responses.Where(r => r.StatusCode != 200).ToList();
        Assert.Equal(attempts - limit, limited.Count);
        Assert.All(limited, r => { r.AssertError(429, "RATE_LIMITED"); Assert.DoesNotContain("secretCode", r.BodyText); });
        Assert.All(limited, r => Assert.InRange(int.Parse(r.Headers["retry-after"]), 1, 3600));

        var audit = await backend.AuditItemsAsync(tenant.TenantId, username);
        Assert.Equal(attempts, audit.Count);
        Assert.Equal(limit, audit.Count(i => i["outcome"].S == "SUCCESS"));
        Assert.Equal(attempts, audit.Select(i => i["requestId"].S).Distinct().Count());
    }

    [Fact]
    public async Task Cognito_unreachable_is_502_with_no_secret_and_the_attempt_is_still_audited()
    {
        var pool = await CognitoTestPool.CreateAsync(backend.Cognito, MfaConfigurations.Optional);
        var tenant = await backend.CreateTenantAsync(pool);
        var functions = backend.Functions(_log, cognitoEndpoint: ClosedPort(), userPoolId: pool.PoolId);
        const string token = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJl";

        var associate = await BackedFunctions.Call(functions.MeAssociate.Handle,
            HttpApiRequestBuilder.Post("/v1/me/totp/associate").WithAccessToken(token, "nina", pool.ClientId, tenant.TenantId));
        associate.AssertError(502, "UPSTREAM_ERROR");
        var verify = await BackedFunctions.Call(functions.ChallengeVerify.Handle, HttpApiRequestBuilder.Post("/v1/challenge/totp/verify")
            .WithBody($$"""{"session":"{{new string('S', 40)}}","username":"nina","clientId":"{{pool.ClientId}}","code":"123456"}"""));
        verify.AssertError(502, "UPSTREAM_ERROR");

        // The session route names no user before Cognito proved one: its item is the tenant's, not nina's.
        var audit = (await Hostile.BoundUsers.AllAuditAsync(backend)).Where(i => i["tenantId"].S == tenant.TenantId).OrderBy(i => i["eventType"].S).ToList();
        Assert.Equal(["TOTP_ASSOCIATE:FAILED:UPSTREAM_ERROR", "TOTP_VERIFY:FAILED:UPSTREAM_ERROR"], audit.Select(i => $"{i["eventType"].S}:{i["outcome"].S}:{i["reason"].S}"));
        Assert.False(audit[1].ContainsKey("username"));
        SecretScan.AssertAbsent([_log.ToString(), associate.Raw, verify.Raw, .. audit.Select(SecretScan.Render)], token, new string('S', 40), "123456");
    }

    [Fact]
    public async Task DynamoDB_unreachable_is_503_fast_with_no_secret()
    {
        var pool = await CognitoTestPool.CreateAsync(backend.Cognito, MfaConfigurations.Optional);
        var username = await pool.CreateConfirmedUserAsync(tenantId: "unreachable"); // bound, so DynamoDB is what fails
        var accessToken = await pool.SignInForAccessTokenAsync(username);
        var functions = backend.Functions(_log, dynamoEndpoint: ClosedPort());

        var started = DateTime.UtcNow;
        var associate = await BackedFunctions.Call(functions.MeAssociate.Handle,
            HttpApiRequestBuilder.Post("/v1/me/totp/associate").WithAccessToken(accessToken, username, pool.ClientId));

        associate.AssertError(503, "SERVICE_UNAVAILABLE");
        Assert.DoesNotContain("secretCode", associate.BodyText);
        Assert.True(DateTime.UtcNow - started < TimeSpan.FromSeconds(8), "fails fast, inside the function timeout");
        SecretScan.AssertAbsent([_log.ToString(), associate.Raw], accessToken, "asdfasdfasdf");
    }

    private static Uri ClosedPort() => new($"http://127.0.0.1:{MotoServer.FreePort()}");
}
