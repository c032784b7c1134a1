using System.Text;
using System.Text.Json.Nodes;

namespace Enrollment.Functions.Tests;

/// <summary>A fluent builder of payload 2.0 events, as API Gateway sends them to the functions.</summary>
public sealed class HttpApiRequestBuilder
{
    private readonly JsonObject _event;
    private readonly JsonObject _headers = new() { ["content-type"] = "application/json", ["user-agent"] = "EnrollmentTests/1.0" };
    private JsonObject? _claims;
    private JsonObject? _query;

    private HttpApiRequestBuilder(string method, string path)
    {
        RouteKey = $"{method} {path}";
        _event = new JsonObject
        {
            ["version"] = "2.0",
            ["routeKey"] = $"{method} {path}",
            ["rawPath"] = path,
            ["rawQueryString"] = "",
            ["isBase64Encoded"] = false,
            ["requestContext"] = new JsonObject
            {
                ["accountId"] = "123456789012",
                ["apiId"] = "api",
                ["domainName"] = "api.example.com",
                ["requestId"] = "req-" + Guid.NewGuid().ToString("n")[..12],
                ["routeKey"] = $"{method} {path}",
                ["stage"] = "$default",
                ["time"] = DateTimeOffset.UtcNow.ToString("dd/MMM/yyyy:HH:mm:ss +0000"),
                ["timeEpoch"] = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds(),
                ["http"] = new JsonObject { ["method"] = method, ["path"] = path, ["protocol"] = "HTTP/1.1", ["sourceIp"] = "203.0.113.10", ["userAgent"] = "EnrollmentTests/1.0" },
            },
        };
    }

    /// <summary>"METHOD /path", as the template's routes and the functions' Route constants spell it.</summary>
    public string RouteKey { get; }

    public static HttpApiRequestBuilder Post(string path) => new("POST", path);

    public static HttpApiRequestBuilder Get(string path) => new("GET", path);

    public static HttpApiRequestBuilder Delete(string path) => new("DELETE", path);

    public static HttpApiRequestBuilder Put(string path) => new("PUT", path);

    /// <summary>
    /// A route with {name} segments, as API Gateway sends it: routeKey keeps the template, rawPath and
    /// requestContext.http.path the filled-in path, pathParameters the (decoded) values.
    /// </summary>
    public static HttpApiRequestBuilder ForRoute(string routeKey, params (string Name, string Value)[] parameters)
    {
        var space = routeKey.IndexOf(' ');
        var (method, template) = (routeKey[..space], routeKey[(space + 1)..]);
        var path = parameters.Aggregate(template, (p, parameter) => p.Replace("{" + parameter.Name + "}", parameter.Value, StringComparison.Ordinal));
        var builder = new HttpApiRequestBuilder(method, path);
        builder._event["routeKey"] = routeKey;
        builder._event["requestContext"]!["routeKey"] = routeKey;
        var values = new JsonObject();
        foreach (var (name, value) in parameters) values[name] = value;
        builder._event["pathParameters"] = values;
        return builder;
    }

    public HttpApiRequestBuilder WithBody(string? body) { _event["body"] = body; return this; }

    public HttpApiRequestBuilder WithHeader(string name, string value) { _headers[name] = value; return this; }

    public HttpApiRequestBuilder WithoutHeader(string name) { _headers.Remove(name); return this; }

    public HttpApiRequestBuilder WithSourceIp(string ip) { _event["requestContext"]!["http"]!["sourceIp"] = ip; return this; }

    public HttpApiRequestBuilder WithRequestId(string id) { _event["requestContext"]!["requestId"] = id; return this; }

    public HttpApiRequestBuilder WithQuery(string name, string value)
    {
        _query ??= [];
        _query[name] = value;
        _event["rawQueryString"] = string.Join('&', _query.Select(kv => $"{kv.Key}={kv.Value}"));
        return this;
    }

    /// <summary>The bearer token and the claims the JWT authorizer would pass on.</summary>
    /// <param name="sub">The claim; by default the token's own (a moto token is a JWT), else a fixed one.</param>
    public HttpApiRequestBuilder WithAccessToken(string token, string username, string clientId, string? tenantId = null, string? sub = null)
    {
        sub ??= SubOf(token) ?? "11111111-2222-3333-4444-555555555555";
        _headers["authorization"] = "Bearer " + token;
        _claims = new JsonObject
        {
            ["sub"] = sub,
            ["username"] = username,
            ["client_id"] = clientId,
            ["token_use"] = "access",
            ["scope"] = "aws.cognito.signin.user.admin",
            ["auth_time"] = DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(),
        };
        if (tenantId is not null) _claims["tenant_id"] = tenantId;
        return this;
    }

    /// <summary>The sub of a JWT's payload, as the authorizer would pass it on; null when the token is not a JWT.</summary>
    public static string? SubOf(string token)
    {
        var parts = token.Split('.');
        if (parts.Length != 3) return null;
        try
        {
            var payload = parts[1].Replace('-', '+').Replace('_', '/');
            payload = payload.PadRight(payload.Length + (4 - payload.Length % 4) % 4, '=');
            return JsonNode.Parse(Convert.FromBase64String(payload))?["sub"]?.GetValue<string>();
        }
        catch (Exception ex) when (ex is FormatException or System.Text.Json.JsonException or InvalidOperationException)
        {
            return null;
        }
    }

    public HttpApiRequestBuilder WithClaim(string name, string value) { _claims![name] = value; return this; }

    /// <summary>When the user last signed in with credentials (the JWT authorizer passes auth_time as a string).</summary>
    public HttpApiRequestBuilder WithAuthTime(DateTimeOffset signedInAt) => WithClaim("auth_time", signedInAt.ToUnixTimeSeconds().ToString());

    public string Build()
    {
        var copy = _event.DeepClone().AsObject();
        copy["headers"] = _headers.DeepClone();
        if (_query is not null) copy["queryStringParameters"] = _query.DeepClone();
        if (_claims is not null)
            copy["requestContext"]!["authorizer"] = new JsonObject { ["jwt"] = new JsonObject { ["claims"] = _claims.DeepClone(), ["scopes"] = null } };
        return copy.ToJsonString();
    }

    public Stream BuildStream() => new MemoryStream(Encoding.UTF8.GetBytes(Build()));
}
