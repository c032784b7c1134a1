using Enrollment.Core.UserPool;
using Enrollment.Infrastructure.Cognito.Model;
using Enrollment.Local.Cognito;
using Enrollment.Testing;

namespace Enrollment.Functions.Tests.Integration;

/// <summary>
/// The mobile app's two enrollment flows through the handlers, against Cognito and DynamoDB on moto,
/// with TOTP checking on: wrong codes really fail and right ones are computed from the returned secret.
/// </summary>
[Collection(MotoBackendCollection.Name)]
public sealed class EnrollmentFlowTests(MotoBackend backend)
{
    private readonly StringWriter _log = new();
    private CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Signed_in_user_associates_verifies_and_is_then_challenged_for_totp_at_sign_in()
    {
        var pool = await CognitoTestPool.CreateAsync(backend.Cognito, MfaConfigurations.Optional);
        var tenant = await backend.CreateTenantAsync(pool);
        var username = await pool.CreateConfirmedUserAsync();
        var accessToken = await pool.SignInForAccessTokenAsync(username);
        var functions = backend.Functions(_log);
        HttpApiRequestBuilder Me(string path) => HttpApiRequestBuilder.Post(path).WithAccessToken(accessToken, username, pool.ClientId);

        var associate = await BackedFunctions.Call(functions.MeAssociate.Handle, Me("/v1/me/totp/associate").WithQuery("qr", "svg").WithBody("{}"));
        Assert.True(associate.StatusCode == 200, associate.BodyText);
        var secret = associate.Data.GetProperty("secretCode").GetString()!;
        Assert.Equal($"otpauth://totp/Acme%20Test:{username}?secret={secret}&issuer=Acme%20Test&algorithm=SHA1&digits=6&period=30",
            associate.Data.GetProperty("otpauthUri").GetString());
        Assert.Contains("<svg", associate.Data.GetProperty("qrCodeSvg").GetString());

        var wrong = await BackedFunctions.Call(functions.MeVerify.Handle, Me("/v1/me/totp/verify").WithBody($$"""{"code":"{{TotpGenerator.WrongCode(secret)}}"}"""));
        wrong.AssertError(400, "CODE_MISMATCH");

        var right = await BackedFunctions.Call(functions.MeVerify.Handle,
            Me("/v1/me/totp/verify").WithBody($$"""{"code":"{{await TotpGenerator.FreshCodeAsync(secret)}}","deviceName":"Pixel 9"}"""));
        Assert.True(right.StatusCode == 200, right.BodyText);
        Assert.Equal("SUCCESS", right.Data.GetProperty("status").GetString());
        Assert.True(right.Data.GetProperty("mfaEnabled").GetBoolean());

        // The next sign-in is challenged with SOFTWARE_TOKEN_MFA, answered with a code from the same secret.
        var signIn = await pool.SignInAsync(username, CognitoTestPool.Password);
        Assert.Equal(ChallengeNames.SoftwareTokenMfa, signIn.ChallengeName);
        var tokens = await backend.Cognito.RespondToAuthChallengeAsync(new RespondToAuthChallengeRequest
        {
            ClientId = pool.ClientId,
            ChallengeName = ChallengeNames.SoftwareTokenMfa,
            Session = signIn.Session,
            ChallengeResponses = new Dictionary<string, string>
            {
                [ChallengeKeys.Username] = username,
                [ChallengeKeys.SoftwareTokenMfaCode] = await TotpGenerator.FreshCodeAsync(secret),
            },
        }, Token);
        Assert.False(string.IsNullOrEmpty(tokens.AuthenticationResult?.AccessToken));

        // Enrolled now, and the tenant does not allow replacing the authenticator.
        var again = await BackedFunctions.Call(functions.MeAssociate.Handle, Me("/v1/me/totp/associate"));
        again.AssertError(403, "POLICY_DENIED");
        Assert.Equal("ALREADY_ENROLLED", again.Reason);

        var audit = await backend.AuditItemsAsync(tenant.TenantId, username);
        Assert.Equal([Audited.AssociateSuccess, Audited.VerifyFailed, Audited.VerifySuccess, "TOTP_ASSOCIATE:DENIED"],
            audit.OrderBy(i => i["sk"].S, StringComparer.Ordinal).Select(MotoBackend.Outcome));
        Assert.Equal("Pixel 9", audit.Single(i => MotoBackend.Outcome(i) == Audited.VerifySuccess)["deviceName"].S);
        Assert.All(audit, i => Assert.True(long.Parse(i["expiresAt"].N) > DateTimeOffset.UtcNow.AddDays(364).ToUnixTimeSeconds()));

        SecretScan.AssertAbsent([_log.ToString(), .. audit.Select(SecretScan.Render)], secret, accessToken, tokens.AuthenticationResult!.AccessToken!, CognitoTestPool.Password);
    }

    [Fact]
    public async Task User_of_a_pool_that_requires_mfa_enrolls_mid_sign_in_and_the_server_finishes_the_sign_in()
    {
        var pool = await CognitoTestPool.CreateAsync(backend.Cognito, MfaConfigurations.On);
        var tenant = await backend.CreateTenantAsync(pool);
        var username = await Hostile.BoundUsers.CreateAsync(pool, tenant.TenantId);
        var sub = await Hostile.BoundUsers.SubOfAsync(pool, username);
        var functions = backend.Functions(_log, userPoolId: pool.PoolId);
        var setupSession = await Hostile.BoundUsers.MfaSetupSessionAsync(pool, username);

        var associate = await BackedFunctions.Call(functions.ChallengeAssociate.Handle, HttpApiRequestBuilder.Post("/v1/challenge/totp/associate")
            .WithBody($$"""{"session":"{{setupSession}}","username":"{{username}}","clientId":"{{pool.ClientId}}"}"""));
        Assert.True(associate.StatusCode == 200, associate.BodyText);
        var secret = associate.Data.GetProperty("secretCode").GetString()!;
        var session = associate.Data.GetProperty("session").GetString()!;

        HttpApiRequestBuilder Verify(string code) => HttpApiRequestBuilder.Post("/v1/challenge/totp/verify")
            .WithBody($$"""{"session":"{{session}}","username":"{{username}}","clientId":"{{pool.ClientId}}","code":"{{code}}","deviceName":"iPhone"}""");
        (await BackedFunctions.Call(functions.ChallengeVerify.Handle, Verify(TotpGenerator.WrongCode(secret)))).AssertError(400, "CODE_MISMATCH");
        var verified = await BackedFunctions.Call(functions.ChallengeVerify.Handle, Verify(await TotpGenerator.FreshCodeAsync(secret)));
        Assert.True(verified.StatusCode == 200, verified.BodyText);

        // The contract extension: the tokens of the finished sign-in, and no session (it has been consumed).
        Assert.Equal("SUCCESS", verified.Data.GetProperty("status").GetString());
        Assert.False(verified.Data.TryGetProperty("session", out _));
        var result = verified.Data.GetProperty("authenticationResult");
        var accessToken = result.GetProperty("accessToken").GetString()!;
        var idToken = result.GetProperty("idToken").GetString()!;
        var refreshToken = result.GetProperty("refreshToken").GetString()!;
        Assert.Equal("Bearer", result.GetProperty("tokenType").GetString());
        Assert.True(result.GetProperty("expiresIn").GetInt32() > 0);
        var me = await backend.Cognito.GetUserAsync(new GetUserRequest { AccessToken = accessToken }, Token);
        Assert.Equal(username, me.Username);

        // Recorded by the sub the tokens prove; audited under the proven user, the failure before it under no user.
        var record = Assert.Single(await Hostile.BoundUsers.StateOfAsync(backend, sub));
        Assert.Equal(("ENROLLMENT", "iPhone"), (record["sk"].S, record["deviceName"].S));
        Assert.Empty(await Hostile.BoundUsers.StateOfAsync(backend, username));
        var audit = await backend.AuditItemsAsync(tenant.TenantId, username);
        var success = Assert.Single(audit);
        Assert.Equal((Audited.VerifySuccess, sub), (MotoBackend.Outcome(success), success["userSub"].S));
        var all = (await Hostile.BoundUsers.AllAuditAsync(backend)).Where(i => i["tenantId"].S == tenant.TenantId).ToList();
        Assert.Equal([Audited.AssociateSuccess, Audited.VerifyFailed, Audited.VerifySuccess], all.OrderBy(i => i["sk"].S, StringComparer.Ordinal).Select(MotoBackend.Outcome));

        SecretScan.AssertAbsent([_log.ToString(), .. all.Select(SecretScan.Render)], secret, setupSession, session, accessToken, idToken, refreshToken, CognitoTestPool.Password);
    }

    [Fact]
    public async Task Well_formed_but_unknown_tokens_and_sessions_are_unauthorized_by_cognito()
    {
        var pool = await CognitoTestPool.CreateAsync(backend.Cognito, MfaConfigurations.Optional);
        await backend.CreateTenantAsync(pool, p => p with { Enrollment = p.Enrollment with { AllowReplace = true } });
        var functions = backend.Functions(_log);

        var token = await BackedFunctions.Call(functions.MeAssociate.Handle,
            HttpApiRequestBuilder.Post("/v1/me/totp/associate").WithAccessToken("eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJl", "ghost", pool.ClientId));
        token.AssertError(401, "UNAUTHORIZED");

        var session = await BackedFunctions.Call(functions.ChallengeAssociate.Handle, HttpApiRequestBuilder.Post("/v1/challenge/totp/associate")
            .WithBody($$"""{"session":"{{new string('A', 64)}}","username":"ghost","clientId":"{{pool.ClientId}}"}"""));
        session.AssertError(401, "UNAUTHORIZED");
        Assert.DoesNotContain(new string('A', 64), _log.ToString());
    }
}
