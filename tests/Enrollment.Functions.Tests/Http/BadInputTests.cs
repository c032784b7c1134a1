using System.Text;

namespace Enrollment.Functions.Tests.Http;

/// <summary>Bad input on every route gets the envelope and a 4xx, and never reaches the user pool.</summary>
public class BadInputTests
{
    private const string Token = "eyJraWQiOiJrIn0.eyJzdWIiOiJ4In0.c2ln";
    private const string Session = "AYABeFakeSessionValue0123456789abcdef";
    private readonly FakeBackedFunctions _functions = new();

    private static HttpApiRequestBuilder Me(string path) =>
        HttpApiRequestBuilder.Post(path).WithAccessToken(Token, "jane", "demo-client-id").WithHeader("x-app-version", "2.1.0");

    private async Task<FunctionResponse> Send(string route, HttpApiRequestBuilder request) =>
        await FunctionResponse.ReadAsync(await _functions.ForRoute(route)(request.BuildStream()));

    public static TheoryData<string, string?, int, string> Cases() => new()
    {
        // route, body, status, code
        { "/v1/me/totp/associate", "{not json", 400, "VALIDATION_ERROR" },
        { "/v1/me/totp/associate", "[]", 400, "VALIDATION_ERROR" },
        { "/v1/me/totp/associate", "\"text\"", 400, "VALIDATION_ERROR" },
        { "/v1/me/totp/associate", "{\"x\":" + new string('1', 17 * 1024) + "}", 400, "VALIDATION_ERROR" },
        { "/v1/me/totp/verify", null, 400, "VALIDATION_ERROR" },
        { "/v1/me/totp/verify", "{}", 400, "VALIDATION_ERROR" },
        { "/v1/me/totp/verify", "{\"code\":123456}", 400, "VALIDATION_ERROR" },
        { "/v1/me/totp/verify", "{\"code\":\"12ab56\"}", 400, "VALIDATION_ERROR" },
        { "/v1/me/totp/verify", "{\"code\":\"1234567\"}", 400, "VALIDATION_ERROR" },
        { "/v1/me/totp/verify", "{\"code\":\"123456\",\"deviceName\":42}", 400, "VALIDATION_ERROR" },
        { "/v1/me/totp/verify", "{\"code\":\"123456\",\"deviceName\":\"" + new string('d', 65) + "\"}", 400, "VALIDATION_ERROR" },
        { "/v1/me/totp/verify", "{\"code\":\"123456\"", 400, "VALIDATION_ERROR" },
        { "/v1/challenge/totp/associate", null, 400, "VALIDATION_ERROR" },
        { "/v1/challenge/totp/associate", "{}", 400, "VALIDATION_ERROR" },
        { "/v1/challenge/totp/associate", "{\"session\":\"short\",\"username\":\"jane\",\"clientId\":\"demo-client-id\"}", 400, "VALIDATION_ERROR" },
        { "/v1/challenge/totp/associate", "{\"session\":\"" + Session + "\",\"clientId\":\"demo-client-id\"}", 400, "VALIDATION_ERROR" },
        { "/v1/challenge/totp/associate", "{\"session\":\"" + Session + "\",\"username\":\"jane\"}", 400, "VALIDATION_ERROR" },
        { "/v1/challenge/totp/associate", "{\"session\":\"" + Session + "\",\"username\":\"jane\",\"clientId\":\"bad id!\"}", 400, "VALIDATION_ERROR" },
        { "/v1/challenge/totp/associate", "{\"session\":[1],\"username\":\"jane\",\"clientId\":\"demo-client-id\"}", 400, "VALIDATION_ERROR" },
        { "/v1/challenge/totp/associate", "{\"session\":\"" + new string('s', 3000) + "\",\"username\":\"jane\",\"clientId\":\"demo-client-id\"}", 400, "VALIDATION_ERROR" },
        { "/v1/challenge/totp/verify", "{\"session\":\"" + Session + "\",\"username\":\"jane\",\"clientId\":\"demo-client-id\"}", 400, "VALIDATION_ERROR" },
        { "/v1/challenge/totp/verify", "{\"session\":\"" + Session + "\",\"username\":\"jane\",\"clientId\":\"demo-client-id\",\"code\":123456}", 400, "VALIDATION_ERROR" },
        { "/v1/challenge/totp/verify", "{\"session\":\"" + Session + "\",\"username\":\"jane\",\"clientId\":\"demo-client-id\",\"code\":\"abcdef\"}", 400, "VALIDATION_ERROR" },
        { "/v1/challenge/totp/verify", "{\"session\":\"" + Session + "\",\"username\":\"\",\"clientId\":\"demo-client-id\",\"code\":\"123456\"}", 400, "VALIDATION_ERROR" },
        { "/v1/challenge/totp/verify", "not json at all", 400, "VALIDATION_ERROR" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Gets_the_envelope_and_a_4xx_without_calling_cognito(string path, string? body, int status, string code)
    {
        var request = path.StartsWith("/v1/me") ? Me(path) : HttpApiRequestBuilder.Post(path);
        var response = await Send("POST " + path, request.WithBody(body));

        response.AssertError(status, code);
        Assert.DoesNotContain(_functions.Calls.Calls, c => c.StartsWith("cognito"));
    }

    [Theory]
    [InlineData("/v1/me/totp/associate")]
    [InlineData("/v1/me/totp/verify")]
    public async Task Missing_or_garbage_tokens_are_unauthorized(string path)
    {
        var route = "POST " + path;
        var body = "{\"code\":\"123456\"}";
        (await Send(route, HttpApiRequestBuilder.Post(path).WithBody(body))).AssertError(401, "UNAUTHORIZED");
        (await Send(route, Me(path).WithBody(body).WithoutHeader("authorization"))).AssertError(401, "UNAUTHORIZED");
        (await Send(route, Me(path).WithBody(body).WithHeader("authorization", "Bearer <script>"))).AssertError(401, "UNAUTHORIZED");
        (await Send(route, Me(path).WithBody(body).WithHeader("authorization", "Basic dXNlcjpwYXNz"))).AssertError(401, "UNAUTHORIZED");
        (await Send(route, Me(path).WithBody(body).WithClaim("token_use", "id"))).AssertError(401, "UNAUTHORIZED");
        Assert.DoesNotContain(_functions.Calls.Calls, c => c.StartsWith("cognito"));
    }

    [Fact]
    public async Task Unknown_qr_format_is_a_validation_error() =>
        (await Send("POST /v1/me/totp/associate", Me("/v1/me/totp/associate").WithQuery("qr", "png"))).AssertError(400, "VALIDATION_ERROR");

    [Fact]
    public async Task An_event_that_is_not_json_is_a_400_not_a_500()
    {
        var output = await _functions.MeAssociate.Handle(new MemoryStream(Encoding.UTF8.GetBytes("garbage")));
        (await FunctionResponse.ReadAsync(output)).AssertError(400, "VALIDATION_ERROR");
    }

    [Fact]
    public async Task Base64_bodies_are_decoded()
    {
        var body = Convert.ToBase64String(Encoding.UTF8.GetBytes("{\"code\":\"12345x\"}"));
        var json = Me("/v1/me/totp/verify").WithBody(body).Build().Replace("\"isBase64Encoded\":false", "\"isBase64Encoded\":true");
        var response = await FunctionResponse.ReadAsync(await _functions.MeVerify.Handle(new MemoryStream(Encoding.UTF8.GetBytes(json))));
        response.AssertError(400, "VALIDATION_ERROR");
        Assert.Equal("code", response.Reason);
    }

    [Fact]
    public async Task Library_exception_text_never_reaches_the_caller()
    {
        var response = await Send("POST /v1/me/totp/verify", Me("/v1/me/totp/verify").WithBody("{\"code\": tru"));
        Assert.DoesNotContain("Path:", response.BodyText);
        Assert.DoesNotContain("LineNumber", response.BodyText);
        Assert.DoesNotContain("   at ", response.BodyText);
    }
}
