using Enrollment.Testing;

namespace Enrollment.Functions.Tests.Http;

/// <summary>The success shapes of api.md and the headers every response carries, with in-memory ports.</summary>
public class SuccessPathTests
{
    private const string Token = "eyJraWQiOiJrIn0.eyJzdWIiOiJ4In0.c2ln";
    private readonly FakeBackedFunctions _functions = new();

    [Fact]
    public async Task Associate_returns_secret_uri_issuer_account_and_an_svg_when_asked()
    {
        var request = HttpApiRequestBuilder.Post("/v1/me/totp/associate")
            .WithAccessToken(Token, "jane doe", "demo-client-id").WithHeader("x-app-version", "2.0.0")
            .WithQuery("qr", "svg").WithRequestId("req-42");

        var response = await FunctionResponse.ReadAsync(await _functions.MeAssociate.Handle(request.BuildStream()));

        Assert.Equal(200, response.StatusCode);
        Assert.True(response.Success);
        Assert.Equal("req-42", response.Headers["x-request-id"]);
        Assert.Equal("no-store", response.Headers["cache-control"]);
        Assert.Equal(FakeUserPool.Secret, response.Data.GetProperty("secretCode").GetString());
        Assert.Equal("Demo Corp", response.Data.GetProperty("issuer").GetString());
        Assert.Equal("jane doe", response.Data.GetProperty("accountName").GetString());
        Assert.StartsWith("otpauth://totp/Demo%20Corp:jane%20doe?secret=", response.Data.GetProperty("otpauthUri").GetString());
        Assert.StartsWith("<svg", response.Data.GetProperty("qrCodeSvg").GetString()!.TrimStart());
        Assert.False(response.Data.TryGetProperty("session", out _));
        Assert.Contains("&issuer=Demo%20Corp&algorithm=SHA1", response.BodyText); // readable, not \u0026
        Assert.Contains("<svg", response.BodyText);
    }

    [Fact]
    public async Task Verify_returns_success_and_mfa_enabled()
    {
        var request = HttpApiRequestBuilder.Post("/v1/me/totp/verify")
            .WithAccessToken(Token, "jane", "demo-client-id").WithHeader("x-app-version", "2.0.0")
            .WithBody("""{"code":"123456","deviceName":"Pixel 9"}""");

        var response = await FunctionResponse.ReadAsync(await _functions.MeVerify.Handle(request.BuildStream()));

        Assert.Equal(200, response.StatusCode);
        Assert.Equal("SUCCESS", response.Data.GetProperty("status").GetString());
        Assert.True(response.Data.GetProperty("mfaEnabled").GetBoolean());
        Assert.Contains("cognito:SetPreference", _functions.Calls.Calls);
    }

    [Fact]
    public async Task Policy_denial_names_the_rule_and_rate_limit_has_retry_after()
    {
        var denied = HttpApiRequestBuilder.Post("/v1/me/totp/associate")
            .WithAccessToken(Token, "jane", "demo-client-id").WithHeader("x-app-version", "2.0.0").WithSourceIp("198.51.100.1");
        var response = await FunctionResponse.ReadAsync(await _functions.MeAssociate.Handle(denied.BuildStream()));
        response.AssertError(403, "POLICY_DENIED");
        Assert.Equal("NETWORK_NOT_ALLOWED", response.Reason);

        FunctionResponse last = null!;
        for (var i = 0; i < 6; i++)
        {
            var ok = HttpApiRequestBuilder.Post("/v1/me/totp/associate").WithAccessToken(Token, "jane", "demo-client-id").WithHeader("x-app-version", "2.0.0");
            last = await FunctionResponse.ReadAsync(await _functions.MeAssociate.Handle(ok.BuildStream()));
        }
        last.AssertError(429, "RATE_LIMITED");
        Assert.True(int.Parse(last.Headers["retry-after"]) is > 0 and <= 3600);
    }

    [Fact]
    public async Task Audit_store_down_gives_503_and_no_secret()
    {
        _functions.Audit.Down = true;
        var request = HttpApiRequestBuilder.Post("/v1/me/totp/associate").WithAccessToken(Token, "jane", "demo-client-id").WithHeader("x-app-version", "2.0.0");

        var response = await FunctionResponse.ReadAsync(await _functions.MeAssociate.Handle(request.BuildStream()));

        response.AssertError(503, "SERVICE_UNAVAILABLE");
        Assert.DoesNotContain(FakeUserPool.Secret, response.Raw);
    }

    [Fact]
    public async Task Logs_hold_one_safe_line_per_request_and_no_token_secret_or_code()
    {
        var request = HttpApiRequestBuilder.Post("/v1/me/totp/verify")
            .WithAccessToken(Token, "jane", "demo-client-id").WithHeader("x-app-version", "2.0.0").WithBody("""{"code":"123456"}""");
        await _functions.MeVerify.Handle(request.BuildStream());
        await _functions.MeAssociate.Handle(HttpApiRequestBuilder.Post("/v1/me/totp/associate")
            .WithAccessToken(Token, "jane", "demo-client-id").WithHeader("x-app-version", "2.0.0").BuildStream());

        var log = _functions.Log.ToString();
        Assert.Equal(2, log.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
        foreach (var secret in new[] { Token, FakeUserPool.Secret, "123456" })
            Assert.DoesNotContain(secret, log);
    }
}
