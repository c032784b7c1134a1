using System.Text.Json.Nodes;
using Enrollment.Core.Errors;
using Enrollment.Core.Policy;
using Enrollment.Core.UserPool;
using Enrollment.Functions.Tests.Integration;
using Enrollment.Infrastructure.Cognito.Model;
using Enrollment.Local.Cognito;
using Enrollment.Testing;

namespace Enrollment.Functions.Tests.Hostile;

/// <summary>
/// Issue 8 (9): a token with mfa_enrollment_only "true" (pre token generation sets it after a recovery-code sign-in or
/// past a grace period) proves a password and a spent recovery code, not a factor. It may associate, verify and read the
/// status; removing the factor or minting recovery codes with it is refused with a reason, and nothing changes.
/// </summary>
[Collection(MotoBackendCollection.Name)]
public sealed class EnrollmentOnlyTokenTests(MotoBackend backend)
{
    private readonly StringWriter _log = new();

    [Fact]
    public async Task Disable_and_new_recovery_codes_refuse_an_enrollment_only_token_while_enrollment_and_status_accept_it()
    {
        var pool = await CognitoTestPool.CreateAsync(backend.Cognito, MfaConfigurations.Optional);
        var tenant = await backend.CreateTenantAsync(pool, p => p with { Enrollment = p.Enrollment with { AllowReplace = true } });
        var username = await BoundUsers.CreateConfirmedAsync(pool, tenant.TenantId);
        var accessToken = (await pool.SignInAsync(username, CognitoTestPool.Password)).AuthenticationResult!.AccessToken!;
        var functions = backend.Functions(_log);
        HttpApiRequestBuilder Token(HttpApiRequestBuilder request) => request.WithAccessToken(accessToken, username, pool.ClientId)
            .WithClaim("mfa_enrollment_only", "true").WithClaim("mfa_enrollment_required", "true");

        // Enrollment works with it (the whole point of such a token).
        var associate = await BackedFunctions.Call(functions.MeAssociate.Handle, Token(HttpApiRequestBuilder.Post("/v1/me/totp/associate")));
        Assert.True(associate.StatusCode == 200, associate.BodyText);
        var code = await TotpGenerator.FreshCodeAsync(associate.Data.GetProperty("secretCode").GetString()!);
        var verify = await BackedFunctions.Call(functions.MeVerify.Handle,
            Token(HttpApiRequestBuilder.Post("/v1/me/totp/verify")).WithBody(new JsonObject { ["code"] = code }.ToJsonString()));
        Assert.True(verify.StatusCode == 200, verify.BodyText);
        var status = await BackedFunctions.Call(functions.MeTotpStatus.Handle, Token(HttpApiRequestBuilder.Get("/v1/me/totp")));
        Assert.True(status.StatusCode == 200, status.BodyText);
        Assert.True(status.Data.GetProperty("enrolled").GetBoolean());

        // Anything else is refused, before the user pool or the codes are touched.
        var disable = await BackedFunctions.Call(functions.MeDisable.Handle, Token(HttpApiRequestBuilder.Delete("/v1/me/totp")));
        disable.AssertError(403, "POLICY_DENIED");
        Assert.Equal(ErrorReasons.EnrollmentOnlyToken, disable.Reason);
        var codes = await BackedFunctions.Call(functions.MeRecoveryCodes.Handle, Token(HttpApiRequestBuilder.Post("/v1/me/totp/recovery-codes")).WithBody("{}"));
        codes.AssertError(403, "POLICY_DENIED");
        Assert.Equal(ErrorReasons.EnrollmentOnlyToken, codes.Reason);

        var user = await pool.Client.GetUserAsync(new GetUserRequest { AccessToken = accessToken }, TestContext.Current.CancellationToken);
        Assert.Contains(ChallengeNames.SoftwareTokenMfa, user.UserMFASettingList ?? []);
        var denied = (await backend.AuditItemsAsync(tenant.TenantId, username)).Where(i => i["outcome"].S == "DENIED").Select(i => (i["eventType"].S, i["reason"].S));
        Assert.Equal([("TOTP_DISABLE", "ENROLLMENT_ONLY_TOKEN"), ("RECOVERY_CODES_ISSUED", "ENROLLMENT_ONLY_TOKEN")], denied);
    }
}
