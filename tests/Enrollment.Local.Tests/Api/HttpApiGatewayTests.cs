using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using Enrollment.Local.Api;
using Enrollment.Local.Emulator;
using Enrollment.Local.Hosting;
using Enrollment.Local.Template;
using Enrollment.Local.Tests.Fixtures;
using Enrollment.Testing;

namespace Enrollment.Local.Tests.Api;

/// <summary>
/// The gateway in this process in front of the fixture template's handlers (one of which sends back the event it
/// got): the payload 2.0 event field by field, the response rules, and the authorizer at the door.
/// </summary>
public sealed class HttpApiGatewayTests : IAsyncLifetime
{
    private const string Issuer = "https://issuer.example/pool";

    private readonly AccessLogWriter _accessLog = new();
    private LocalApiServer? _server;
    private HttpClient _http = null!;

    private Uri Url => _server!.Url;

    public async ValueTask InitializeAsync()
    {
        var template = SamTemplate.Load(RepoPaths.Fixture("gateway-template.yaml"));
        var options = new FunctionHostOptions { Log = TextWriter.Null, RedirectConsoleToLog = false };
        var functions = template.Functions.Keys.ToDictionary(id => id, id => (IFunctionInvoker)FunctionHost.Start(template, id, options));
        var authorizer = template.HttpApis["Api"].Authorizers["Jwt"];
        var authorizers = new Dictionary<string, JwtAuthorizerEmulator>
        {
            [HttpApiGateway.AuthorizerKey("Api", "Jwt")] = new(JwtAuthorizerSettings.FromTemplate(authorizer, jwksUri: null), new StaticKeys([TestTokens.Key]), TimeProvider.System),
        };
        var gateway = new HttpApiGateway([.. template.HttpApis.Values], functions, authorizers, new GatewayIdentity("123456789012", "local"), _accessLog, TimeProvider.System);
        _server = await LocalApiServer.StartAsync(LoopbackPort.Free(), gateway.HandleAsync, TestContext.Current.CancellationToken);
        _http = new HttpClient { BaseAddress = _server.Url };
    }

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        if (_server is not null) await _server.DisposeAsync();
    }

    private static string Token(IDictionary<string, object>? claims = null) => TestTokens.Access(Issuer, "client-a", DateTimeOffset.UtcNow, claims);

    [Fact]
    public async Task The_event_carries_what_API_Gateway_puts_in_payload_2_0()
    {
        var token = Token(new Dictionary<string, object> { ["cognito:groups"] = new[] { "admins", "users" } });
        // Raw HTTP: a header sent twice and two cookies, which HttpClient would fold on its own.
        var body = """{"code":"123456"}""";
        var request =
            $"POST /secured/42?b=2&a=1&a=3 HTTP/1.1\r\nHost: 127.0.0.1:{Url.Port}\r\nAuthorization: Bearer {token}\r\n" +
            "X-Multi: one\r\nX-Multi: two\r\nCookie: c1=v1; c2=v2\r\nUser-Agent: Pixel/9\r\nX-App-Version: 2.3.1\r\n" +
            $"Content-Type: application/json\r\nContent-Length: {Encoding.UTF8.GetByteCount(body)}\r\nConnection: close\r\n\r\n{body}";
        var (status, headers, responseBody) = await RawAsync(request);
        var before = DateTimeOffset.UtcNow;

        Assert.Equal(200, status);
        using var document = JsonDocument.Parse(responseBody);
        var e = document.RootElement;
        Assert.Equal("2.0", e.GetProperty("version").GetString());
        Assert.Equal("POST /secured/{id}", e.GetProperty("routeKey").GetString());
        Assert.Equal("/secured/42", e.GetProperty("rawPath").GetString());
        Assert.Equal("b=2&a=1&a=3", e.GetProperty("rawQueryString").GetString());
        Assert.Equal("1,3", e.GetProperty("queryStringParameters").GetProperty("a").GetString());
        Assert.Equal("2", e.GetProperty("queryStringParameters").GetProperty("b").GetString());
        Assert.Equal("42", e.GetProperty("pathParameters").GetProperty("id").GetString());
        Assert.Equal(["c1=v1", "c2=v2"], e.GetProperty("cookies").EnumerateArray().Select(c => c.GetString()));

        var h = e.GetProperty("headers");
        Assert.All(h.EnumerateObject(), p => Assert.Equal(p.Name.ToLowerInvariant(), p.Name));
        Assert.Equal("one,two", h.GetProperty("x-multi").GetString());
        Assert.Equal("2.3.1", h.GetProperty("x-app-version").GetString());
        Assert.Equal("127.0.0.1", h.GetProperty("x-forwarded-for").GetString());
        Assert.False(h.TryGetProperty("cookie", out _));

        Assert.Equal(body, e.GetProperty("body").GetString());
        Assert.False(e.GetProperty("isBase64Encoded").GetBoolean());

        var context = e.GetProperty("requestContext");
        Assert.Equal("123456789012", context.GetProperty("accountId").GetString());
        Assert.Equal("$default", context.GetProperty("stage").GetString());
        Assert.Equal("POST /secured/{id}", context.GetProperty("routeKey").GetString());
        Assert.Equal(headers["apigw-requestid"], context.GetProperty("requestId").GetString());
        Assert.Matches(@"^\d{2}/[A-Z][a-z]{2}/\d{4}:\d{2}:\d{2}:\d{2} \+0000$", context.GetProperty("time").GetString());
        Assert.InRange(context.GetProperty("timeEpoch").GetInt64(), before.AddMinutes(-1).ToUnixTimeMilliseconds(), before.ToUnixTimeMilliseconds());
        var http = context.GetProperty("http");
        Assert.Equal("POST", http.GetProperty("method").GetString());
        Assert.Equal("/secured/42", http.GetProperty("path").GetString());
        Assert.Equal("HTTP/1.1", http.GetProperty("protocol").GetString());
        Assert.Equal("127.0.0.1", http.GetProperty("sourceIp").GetString());
        Assert.Equal("Pixel/9", http.GetProperty("userAgent").GetString());
        var jwt = context.GetProperty("authorizer").GetProperty("jwt");
        Assert.Equal("client-a", jwt.GetProperty("claims").GetProperty("client_id").GetString());
        Assert.Equal("[admins users]", jwt.GetProperty("claims").GetProperty("cognito:groups").GetString());
        Assert.Equal(JsonValueKind.String, jwt.GetProperty("claims").GetProperty("exp").ValueKind);
        Assert.Equal(["aws.cognito.signin.user.admin"], jwt.GetProperty("scopes").EnumerateArray().Select(s => s.GetString()));
    }

    [Fact]
    public async Task A_binary_body_is_base64_encoded_and_a_greedy_path_parameter_keeps_its_slashes()
    {
        using var content = new ByteArrayContent([0, 1, 2, 255]);
        content.Headers.ContentType = new("application/octet-stream");

        using var response = await _http.PutAsync("/open/a/b", content, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        var e = document.RootElement;
        Assert.Equal("ANY /open/{proxy+}", e.GetProperty("routeKey").GetString());
        Assert.Equal("a/b", e.GetProperty("pathParameters").GetProperty("proxy").GetString());
        Assert.True(e.GetProperty("isBase64Encoded").GetBoolean());
        Assert.Equal([0, 1, 2, 255], Convert.FromBase64String(e.GetProperty("body").GetString()!));
        Assert.False(e.GetProperty("requestContext").TryGetProperty("authorizer", out _));
        Assert.False(e.TryGetProperty("queryStringParameters", out _));
    }

    [Fact]
    public async Task JSON_without_a_status_code_is_a_200_of_that_JSON()
    {
        using var response = await _http.GetAsync("/raw", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("""{"hello":"world"}""", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task A_base64_response_is_decoded_with_its_headers_and_cookies()
    {
        using var response = await _http.GetAsync("/binary", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal([0, 1, 2, 254, 255], await response.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken));
        Assert.Equal("yes", response.Headers.GetValues("x-custom").Single());
        Assert.Equal(["a=1; Path=/", "b=2; HttpOnly"], response.Headers.GetValues("set-cookie"));
    }

    [Fact]
    public async Task A_function_that_throws_is_API_Gateways_500()
    {
        using var response = await _http.GetAsync("/throw", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Equal("""{"message":"Internal Server Error"}""", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        Assert.Contains("GET /throw → 500", await _accessLog.WaitForLineAsync("function error: InvalidOperationException: boom"));
    }

    [Fact]
    public async Task A_refused_token_never_reaches_the_function()
    {
        var before = GatewayHandlers.EventInvocations;
        var expired = TestTokens.Access(Issuer, "client-a", DateTimeOffset.UtcNow.AddHours(-2));
        using var request = new HttpRequestMessage(HttpMethod.Post, "/secured/1") { Content = new StringContent("{}") };
        request.Headers.TryAddWithoutValidation("Authorization", "Bearer " + expired);

        using var response = await _http.SendAsync(request, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("""{"message":"Unauthorized"}""", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        Assert.Equal("Bearer scope=\"aws.cognito.signin.user.admin\" error=\"invalid_token\" error_description=\"the token has expired\"",
            response.Headers.WwwAuthenticate.ToString());
        Assert.Equal(before, GatewayHandlers.EventInvocations);
        Assert.Contains("the token has expired", await _accessLog.WaitForLineAsync("POST /secured/1 → 401"));
    }

    [Fact]
    public async Task The_access_line_names_the_path_never_the_query()
    {
        // An audit page cursor travels in the query; it must not land in the log.
        const string cursor = "eyJ2IjoxLCJ0IjoiYWNtZSIsInUiOiJqYW5lIn0.c2lnbmF0dXJl";
        using var response = await _http.GetAsync($"/open/item-7?cursor={cursor}&username=jane", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var line = await _accessLog.WaitForLineAsync("GET /open/item-7 → 200");
        Assert.DoesNotContain(cursor, line);
        Assert.DoesNotContain("?", line);
        Assert.DoesNotContain("username=jane", line);
    }

    [Fact]
    public async Task A_valid_token_without_the_routes_scope_is_403_on_the_wire_and_in_the_log()
    {
        // An ID token as Cognito issues it: aud (not client_id), token_use id, no scope claim. The JWT authorizer
        // accepts its audience and refuses it for the route's scopes: 403 Forbidden, insufficient_scope.
        var idToken = TestTokens.Id(Issuer, "client-a", DateTimeOffset.UtcNow);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/secured/1") { Content = new StringContent("{}") };
        request.Headers.TryAddWithoutValidation("Authorization", "Bearer " + idToken);

        using var response = await _http.SendAsync(request, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("""{"message":"Forbidden"}""", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        Assert.Contains("error=\"insufficient_scope\"", response.Headers.WwwAuthenticate.ToString());
        Assert.Contains("required scopes", await _accessLog.WaitForLineAsync("POST /secured/1 → 403"));
    }

    /// <summary>
    /// Requests the HTTP server refuses before any route is read answer as API Gateway's own responses do: JSON
    /// <c>{"message": ...}</c> with the status, never an empty body.
    /// </summary>
    [Theory]
    [InlineData("GET /open/a%00b HTTP/1.1", 0, 400, "Bad Request")]
    [InlineData("GET /open/caf\u00e9 HTTP/1.1", 0, 400, "Bad Request")]
    [InlineData("GET /open/item-1 HTTP/1.1", 101, 431, "Request Header Fields Too Large")]
    public async Task Requests_the_server_refuses_itself_answer_json_as_the_gateway_does(string requestLine, int extraHeaders, int status, string message)
    {
        var headers = string.Concat(Enumerable.Range(0, extraHeaders).Select(i => $"X-H{i}: v\r\n"));
        var (actual, responseHeaders, body) = await RawAsync($"{requestLine}\r\nHost: 127.0.0.1:{Url.Port}\r\n{headers}Connection: close\r\n\r\n");

        Assert.Equal(status, actual);
        Assert.Equal("application/json", responseHeaders["content-type"]);
        Assert.Equal($$"""{"message":"{{message}}"}""", body);
    }

    [Fact]
    public async Task Requests_run_concurrently_through_one_host_per_function()
    {
        var responses = await Task.WhenAll(Enumerable.Range(0, 16).Select(i => _http.GetAsync($"/open/item-{i}", TestContext.Current.CancellationToken)));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        var ids = await Task.WhenAll(responses.Select(async r =>
        {
            using var document = JsonDocument.Parse(await r.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
            return document.RootElement.GetProperty("requestContext").GetProperty("requestId").GetString();
        }));
        Assert.Equal(16, ids.Distinct().Count());
        foreach (var response in responses) response.Dispose();
    }

    private async Task<(int Status, Dictionary<string, string> Headers, string Body)> RawAsync(string request)
    {
        using var client = new TcpClient();
        await client.ConnectAsync(IPAddress.Loopback, Url.Port, TestContext.Current.CancellationToken);
        await using var stream = client.GetStream();
        await stream.WriteAsync(Encoding.UTF8.GetBytes(request), TestContext.Current.CancellationToken);
        using var reader = new StreamReader(stream, Encoding.UTF8);
        var text = await reader.ReadToEndAsync(TestContext.Current.CancellationToken);
        var split = text.IndexOf("\r\n\r\n", StringComparison.Ordinal);
        var head = text[..split].Split("\r\n");
        var headers = head.Skip(1).Select(line => line.Split(':', 2)).ToDictionary(p => p[0].Trim().ToLowerInvariant(), p => p[1].Trim());
        return (int.Parse(head[0].Split(' ')[1]), headers, text[(split + 4)..]);
    }
}
