using Enrollment.Core.Policy;
using Enrollment.Core.UserPool;
using Enrollment.Functions.Hosting;
using Enrollment.Functions.Http;
using Enrollment.Functions.Tests.Integration;
using Enrollment.Infrastructure.Cognito.Model;
using Enrollment.Local.Cognito;
using Enrollment.Testing;
using static Enrollment.Functions.Tests.Admin.AdminTestBed;

namespace Enrollment.Functions.Tests.Admin;

/// <summary>
/// The admin reset as production wires it (the production ports and ServiceRoot: CognitoUserPoolAdmin, the DynamoDB record and
/// recovery-code stores), against Cognito and DynamoDB on moto: a user enrolls through the app, loses the phone, an
/// administrator of the tenant resets the authenticator, the lost phone's sessions end (AdminUserGlobalSignOut, which
/// moto implements), and the next sign-in asks for no TOTP.
/// </summary>
/// <remarks>
/// moto has no AdminDeleteSoftwareToken, so the adapter takes its fallback (the preference off): PREFERENCE_DISABLED.
/// The pool is OPTIONAL, where "no TOTP challenge at the next sign-in" is what the user sees (see LostAuthenticatorStoryTests).
/// </remarks>
[Collection(MotoBackendCollection.Name)]
public sealed class AdminResetStoryTests(MotoBackend backend)
{
    private readonly StringWriter _log = new();

    [Fact]
    public async Task An_administrator_resets_a_lost_authenticator_and_the_user_signs_in_without_totp()
    {
        var pool = await CognitoTestPool.CreateAsync(backend.Cognito, MfaConfigurations.Optional);
        var tenant = await backend.CreateTenantAsync(pool, p => p with { Admin = new AdminSettings { GroupName = p.TenantId + "-admins" } });
        var root = backend.Root(backend.Dynamo, backend.Cognito, new FunctionLog(_log), userPoolId: pool.PoolId);
        var associate = new MeAssociateTotpFunction(root);
        var verify = new MeVerifyTotpFunction(root);
        var reset = new AdminResetTotpFunction(root);

        // The user enrolls through the tenant's app: that writes the enrollment record the reset relies on.
        var username = await pool.CreateConfirmedUserAsync();
        var phone = (await pool.SignInAsync(username, CognitoTestPool.Password)).AuthenticationResult!;
        var accessToken = phone.AccessToken!;
        HttpApiRequestBuilder Me(string path) => HttpApiRequestBuilder.Post(path).WithAccessToken(accessToken, username, pool.ClientId);
        var secret = (await CallAsync(associate.Handle, Me("/v1/me/totp/associate"))).Data.GetProperty("secretCode").GetString()!;
        var verified = await CallAsync(verify.Handle, Me("/v1/me/totp/verify").WithBody($$"""{"code":"{{await TotpGenerator.FreshCodeAsync(secret)}}","deviceName":"Pixel 9"}"""));
        Assert.True(verified.StatusCode == 200, verified.BodyText);
        Assert.Equal(ChallengeNames.SoftwareTokenMfa, (await pool.SignInAsync(username, CognitoTestPool.Password)).ChallengeName);

        // An administrator of another tenant cannot; the tenant's own administrator can.
        var other = await backend.CreateTenantAsync(pool, p => p with { AppClientIds = [p.TenantId + "-app"], Admin = new AdminSettings { GroupName = p.TenantId + "-admins" } });
        var across = await CallAsync(reset.Handle, As(ResetRequest(tenant.TenantId, username), other, "mallory"));
        across.AssertError(403, "POLICY_DENIED");
        var response = await CallAsync(reset.Handle, As(ResetRequest(tenant.TenantId, username), tenant, "ann"));

        Assert.True(response.StatusCode == 200, response.BodyText);
        Assert.Equal("PREFERENCE_DISABLED", response.Data.GetProperty("factorRemoval").GetString());
        Assert.True(response.Data.GetProperty("signedOut").GetBoolean());
        // The lost phone's session is over: its refresh token mints nothing, its access token is refused.
        var refresh = await Assert.ThrowsAsync<Enrollment.Infrastructure.Cognito.CognitoServiceException>(() => pool.RefreshAsync(phone.RefreshToken!));
        Assert.Equal("NotAuthorizedException", refresh.ErrorType);
        var getUser = await Assert.ThrowsAsync<Enrollment.Infrastructure.Cognito.CognitoServiceException>(() => pool.Client.GetUserAsync(new GetUserRequest { AccessToken = accessToken }, TestContext.Current.CancellationToken));
        Assert.Equal("NotAuthorizedException", getUser.ErrorType);
        var signIn = await pool.SignInAsync(username, CognitoTestPool.Password);
        Assert.Null(signIn.ChallengeName);
        Assert.False(string.IsNullOrEmpty(signIn.AuthenticationResult?.AccessToken));

        var audit = (await backend.AuditItemsAsync(tenant.TenantId, username)).Last();
        Assert.Equal(("TOTP_ADMIN_RESET", "SUCCESS", "PREFERENCE_DISABLED", "SIGNED_OUT", "ann"),
            (audit["eventType"].S, audit["outcome"].S, audit["factorRemoval"].S, audit["signOut"].S, audit["actor"].S));
        // The user is still the tenant's (the binding, not a record, says so): a second reset is allowed, and audited.
        Assert.Equal(200, (await CallAsync(reset.Handle, As(ResetRequest(tenant.TenantId, username), tenant, "ann"))).StatusCode);
        SecretScan.AssertAbsent([_log.ToString(), .. (await backend.AuditItemsAsync(tenant.TenantId, username)).Select(SecretScan.Render)], accessToken, phone.RefreshToken!, secret, Token);
    }
}
