using System.Text.Json.Nodes;
using Enrollment.Core.Errors;
using Enrollment.Core.Policy;
using Enrollment.Functions.Tests.Integration;
using Enrollment.Infrastructure.Cognito.Model;
using Enrollment.Local.Cognito;
using Enrollment.Infrastructure.DynamoDb;
using Enrollment.Testing;

namespace Enrollment.Functions.Tests.Hostile;

/// <summary>
/// Issue 8 (4), verify re-checks what associate checks: with a stolen access token, associate directly at Cognito (our
/// associate route would refuse: a factor exists), then verify through us. Verify must apply allowReplace and the
/// recent-sign-in rule too, and leave the victim's factor record and recovery codes as they were; new recovery codes
/// come only after a recent sign-in.
/// </summary>
[Collection(MotoBackendCollection.Name)]
public sealed class StolenTokenVerifyTests(MotoBackend backend)
{
    private readonly StringWriter _log = new();
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private sealed record Victim(CognitoTestPool Pool, TenantPolicy Tenant, string Username, string Sub, string AccessToken);

    private async Task<Victim> EnrolledVictimAsync(BackedFunctions functions, Func<TenantPolicy, TenantPolicy>? customize = null)
    {
        var pool = await CognitoTestPool.CreateAsync(backend.Cognito, MfaConfigurations.Optional);
        var tenant = await backend.CreateTenantAsync(pool, customize);
        var username = await BoundUsers.CreateConfirmedAsync(pool, tenant.TenantId);
        var accessToken = (await pool.SignInAsync(username, CognitoTestPool.Password)).AuthenticationResult!.AccessToken!;
        var victim = new Victim(pool, tenant, username, BoundUsers.ClaimsOf(accessToken)["sub"], accessToken);

        var associate = await BackedFunctions.Call(functions.MeAssociate.Handle, Me(victim, "/v1/me/totp/associate", signedInSecondsAgo: 5));
        Assert.True(associate.StatusCode == 200, associate.BodyText);
        var code = await TotpGenerator.FreshCodeAsync(associate.Data.GetProperty("secretCode").GetString()!);
        var verify = await BackedFunctions.Call(functions.MeVerify.Handle,
            Me(victim, "/v1/me/totp/verify", signedInSecondsAgo: 5).WithBody(new JsonObject { ["code"] = code, ["deviceName"] = "Victim's phone" }.ToJsonString()));
        Assert.True(verify.StatusCode == 200, verify.BodyText);
        Assert.Equal(10, verify.Data.GetProperty("recoveryCodes").GetArrayLength());
        return victim;
    }

    private static HttpApiRequestBuilder Me(Victim victim, string path, int signedInSecondsAgo) =>
        HttpApiRequestBuilder.Post(path).WithAccessToken(victim.AccessToken, victim.Username, victim.Pool.ClientId)
            .WithAuthTime(DateTimeOffset.UtcNow.AddSeconds(-signedInSecondsAgo));

    /// <summary>The attacker's move: AssociateSoftwareToken at Cognito with the stolen token, then a right code through our verify.</summary>
    private async Task<FunctionResponse> AssociateAtCognitoThenVerifyThroughUsAsync(BackedFunctions functions, Victim victim, int signedInSecondsAgo)
    {
        var direct = await victim.Pool.Client.AssociateSoftwareTokenAsync(new AssociateSoftwareTokenRequest { AccessToken = victim.AccessToken }, Token);
        var code = await TotpGenerator.FreshCodeAsync(direct.SecretCode!);
        return await BackedFunctions.Call(functions.MeVerify.Handle,
            Me(victim, "/v1/me/totp/verify", signedInSecondsAgo).WithBody(new JsonObject { ["code"] = code, ["deviceName"] = "Attacker phone" }.ToJsonString()));
    }

    /// <summary>The victim's enrollment record and recovery items, as stored (counters left out: they are not the victim's factor).</summary>
    private async Task<string> FactorStateAsync(Victim victim) => string.Join('\n',
        (await BoundUsers.StateOfAsync(backend, victim.Sub, victim.Username))
            .Where(i => !i[UserStateKeys.SortKey].S.StartsWith("LIMIT#", StringComparison.Ordinal))
            .OrderBy(i => i[UserStateKeys.SortKey].S, StringComparer.Ordinal)
            .Select(SecretScan.Render));

    [Fact]
    public async Task Where_the_tenant_does_not_allow_replacing_verify_refuses_and_the_victims_factor_and_codes_stay()
    {
        var functions = backend.Functions(_log);
        var victim = await EnrolledVictimAsync(functions);
        var before = await FactorStateAsync(victim);
        Assert.Contains("Victim's phone", before);

        var verify = await AssociateAtCognitoThenVerifyThroughUsAsync(functions, victim, signedInSecondsAgo: 5);

        verify.AssertError(403, "POLICY_DENIED");
        Assert.Equal(ErrorReasons.AlreadyEnrolled, verify.Reason);
        Assert.DoesNotContain("recoveryCodes", verify.BodyText);
        Assert.Equal(before, await FactorStateAsync(victim));
    }

    [Fact]
    public async Task Where_replacing_is_allowed_a_token_without_a_recent_sign_in_cannot_verify_a_new_secret()
    {
        var functions = backend.Functions(_log);
        var victim = await EnrolledVictimAsync(functions, p => p with { Enrollment = p.Enrollment with { AllowReplace = true } });
        var before = await FactorStateAsync(victim);

        var verify = await AssociateAtCognitoThenVerifyThroughUsAsync(functions, victim, signedInSecondsAgo: 3600);

        verify.AssertError(403, "POLICY_DENIED");
        Assert.Equal(ErrorReasons.ReauthenticationRequired, verify.Reason);
        Assert.Equal(before, await FactorStateAsync(victim));
    }

    [Fact]
    public async Task A_first_enrollment_with_a_token_that_is_not_fresh_succeeds_but_mints_no_recovery_codes()
    {
        var pool = await CognitoTestPool.CreateAsync(backend.Cognito, MfaConfigurations.Optional);
        var tenant = await backend.CreateTenantAsync(pool);
        var username = await BoundUsers.CreateConfirmedAsync(pool, tenant.TenantId);
        var accessToken = (await pool.SignInAsync(username, CognitoTestPool.Password)).AuthenticationResult!.AccessToken!;
        var victim = new Victim(pool, tenant, username, BoundUsers.ClaimsOf(accessToken)["sub"], accessToken);
        var functions = backend.Functions(_log);

        // Associate refuses nothing here (no factor yet); the token is an hour old, as a stolen one may be.
        var associate = await BackedFunctions.Call(functions.MeAssociate.Handle, Me(victim, "/v1/me/totp/associate", signedInSecondsAgo: 3600));
        Assert.True(associate.StatusCode == 200, associate.BodyText);
        var code = await TotpGenerator.FreshCodeAsync(associate.Data.GetProperty("secretCode").GetString()!);
        var verify = await BackedFunctions.Call(functions.MeVerify.Handle,
            Me(victim, "/v1/me/totp/verify", signedInSecondsAgo: 3600).WithBody(new JsonObject { ["code"] = code }.ToJsonString()));

        Assert.True(verify.StatusCode == 200, verify.BodyText);
        Assert.False(verify.Data.TryGetProperty("recoveryCodes", out _));
        Assert.DoesNotContain("RECOVERY#", await FactorStateAsync(victim));
    }
}
