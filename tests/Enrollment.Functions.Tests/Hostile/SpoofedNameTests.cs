using System.Text.Json.Nodes;
using Enrollment.Core.Policy;
using Enrollment.Core.Totp;
using Enrollment.Functions.Http;
using Enrollment.Functions.Tests.Integration;
using Enrollment.Infrastructure.Cognito.Model;
using Enrollment.Local.Cognito;
using Enrollment.Testing;

namespace Enrollment.Functions.Tests.Hostile;

/// <summary>
/// Issue 8 (12), names cannot spoof: a device name with a bidi override or another format character is refused, and a
/// Key URI label too long for a QR code is refused with 400 before anything is audited or asked of Cognito.
/// </summary>
[Collection(MotoBackendCollection.Name)]
public sealed class SpoofedNameTests(MotoBackend backend)
{
    private readonly StringWriter _log = new();

    [Theory]
    [InlineData("Pixel\u202Egnp.exe")]  // RIGHT-TO-LEFT OVERRIDE: shows as "Pixelexe.png"
    [InlineData("Pixel\u2066 9\u2069")] // LEFT-TO-RIGHT ISOLATE ... POP DIRECTIONAL ISOLATE
    [InlineData("Pix\u200Del")]         // ZERO WIDTH JOINER
    [InlineData("Pixel\u00AD9")]        // SOFT HYPHEN (Cf)
    public async Task A_device_name_with_format_characters_is_refused_before_anything_is_audited(string deviceName)
    {
        var pool = await CognitoTestPool.CreateAsync(backend.Cognito, MfaConfigurations.Optional);
        var tenant = await backend.CreateTenantAsync(pool);
        var username = await BoundUsers.CreateConfirmedAsync(pool, tenant.TenantId);
        var accessToken = (await pool.SignInAsync(username, CognitoTestPool.Password)).AuthenticationResult!.AccessToken!;
        var functions = backend.Functions(_log);

        var verify = await BackedFunctions.Call(functions.MeVerify.Handle, HttpApiRequestBuilder.Post("/v1/me/totp/verify")
            .WithAccessToken(accessToken, username, pool.ClientId).WithBody(new JsonObject { ["code"] = "123456", ["deviceName"] = deviceName }.ToJsonString()));

        verify.AssertError(400, "VALIDATION_ERROR");
        Assert.Equal("deviceName", verify.Reason);
        Assert.Empty(await backend.AuditItemsAsync(tenant.TenantId, username));
    }

    [Fact]
    public async Task A_username_whose_label_cannot_fit_a_qr_code_is_refused_before_anything_is_audited()
    {
        var pool = await CognitoTestPool.CreateAsync(backend.Cognito, MfaConfigurations.On);
        var tenant = await backend.CreateTenantAsync(pool);
        var functions = backend.Functions(_log, userPoolId: pool.PoolId);
        var username = await BoundUsers.CreateAsync(pool, tenant.TenantId);
        var session = await BoundUsers.MfaSetupSessionAsync(pool, username);
        // 128 characters (Cognito's maximum) of a 3-byte UTF-8 letter: 1152 bytes once percent-encoded.
        var wide = new string('界', 128);
        Assert.True(KeyUriLimits.EncodedLength(wide) > KeyUriLimits.MaxAccountBytes);

        var associate = await BackedFunctions.Call(functions.ChallengeAssociate.Handle, HttpApiRequestBuilder.Post("/v1/challenge/totp/associate")
            .WithQuery("qr", "svg").WithBody(new JsonObject { ["session"] = session, ["username"] = wide, ["clientId"] = pool.ClientId }.ToJsonString()));

        associate.AssertError(400, "VALIDATION_ERROR");
        Assert.Equal("username", associate.Reason);
        Assert.DoesNotContain((await BoundUsers.AllAuditAsync(backend)), i => i["tenantId"].S == tenant.TenantId);
    }

    [Fact]
    public void Every_key_uri_within_the_label_budgets_renders_as_a_qr_code_and_one_byte_more_is_refused()
    {
        // The worst case the budgets allow: issuer and account at their limits, the largest secret reserved.
        var issuer = new string('i', KeyUriLimits.MaxIssuerBytes);
        var account = new string('a', KeyUriLimits.MaxAccountBytes);
        var uri = OtpAuthUri.Build(issuer, account, new string('S', KeyUriLimits.ReservedSecretBytes));
        Assert.Equal(KeyUriLimits.MaxKeyUriBytes, uri.Length);
        Assert.Contains("<svg", QrCodeSvg.Render(uri));

        // The capacity is QRCoder's own: a text that needs byte mode throughout fits at 2331 bytes and not at 2332.
        var byteMode = "otpauth://" + new string('a', KeyUriLimits.MaxKeyUriBytes - 10);
        Assert.Contains("<svg", QrCodeSvg.Render(byteMode));
        Assert.Throws<QRCoder.Exceptions.DataTooLongException>(() => QrCodeSvg.Render(byteMode + "a"));
        var refused = Assert.Throws<Core.Errors.EnrollmentException>(() => TotpInput.AccountLabel(account + "a"));
        Assert.Equal("username", refused.Reason);
    }
}
