using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using Enrollment.Local.Template;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace Enrollment.Local.Api;

/// <summary>
/// Turns an HTTP request into the API Gateway HTTP API payload format 2.0 event, field by field as API Gateway
/// fills it: header names lower-cased and repeated values comma-joined, cookies moved out of the headers into
/// <c>cookies</c>, the query both raw and parsed, the body base64-encoded unless its content type is text,
/// and the request context with the source IP, request id, time and the authorizer's claims.
/// </summary>
public static class HttpApiEventBuilder
{
    public static byte[] Build(
        HttpContext context,
        HttpApiRoute route,
        IReadOnlyDictionary<string, string> pathParameters,
        ReadOnlyMemory<byte> body,
        AuthorizerResult? authorizer,
        string requestId,
        DateTimeOffset now,
        GatewayIdentity gateway)
    {
        var request = context.Request;
        var rawTarget = context.Features.Get<IHttpRequestFeature>()?.RawTarget;
        var rawPath = string.IsNullOrEmpty(rawTarget) || rawTarget[0] != '/' ? (request.PathBase + request.Path).ToString() : rawTarget.Split('?', 2)[0];
        var rawQuery = request.QueryString.HasValue ? request.QueryString.Value![1..] : "";
        var sourceIp = SourceIp(context.Connection.RemoteIpAddress);
        var host = request.Headers.Host.ToString();
        var userAgent = request.Headers.UserAgent.ToString();

        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("version", "2.0");
            json.WriteString("routeKey", route.RouteKey);
            json.WriteString("rawPath", rawPath);
            json.WriteString("rawQueryString", rawQuery);

            var cookies = Cookies(request);
            if (cookies.Count > 0)
            {
                json.WriteStartArray("cookies");
                foreach (var cookie in cookies) json.WriteStringValue(cookie);
                json.WriteEndArray();
            }

            json.WriteStartObject("headers");
            foreach (var (name, value) in Headers(request, sourceIp, context.Connection.LocalPort)) json.WriteString(name, value);
            json.WriteEndObject();

            if (request.Query.Count > 0)
            {
                json.WriteStartObject("queryStringParameters");
                foreach (var (name, values) in request.Query) json.WriteString(name, string.Join(',', values.ToArray()));
                json.WriteEndObject();
            }

            json.WriteStartObject("requestContext");
            json.WriteString("accountId", gateway.AccountId);
            json.WriteString("apiId", gateway.ApiId);
            if (authorizer is { IsAuthorized: true })
            {
                json.WriteStartObject("authorizer");
                json.WriteStartObject("jwt");
                json.WriteStartObject("claims");
                foreach (var (name, value) in authorizer.Claims) json.WriteString(name, value);
                json.WriteEndObject();
                // API Gateway lists the token's scopes when the route asks for scopes, and null otherwise.
                if (route.AuthorizationScopes.Count > 0)
                {
                    json.WriteStartArray("scopes");
                    foreach (var scope in authorizer.Scopes) json.WriteStringValue(scope);
                    json.WriteEndArray();
                }
                else
                {
                    json.WriteNull("scopes");
                }
                json.WriteEndObject();
                json.WriteEndObject();
            }
            json.WriteString("domainName", host);
            json.WriteString("domainPrefix", host.Split('.', ':')[0]);
            json.WriteStartObject("http");
            json.WriteString("method", request.Method);
            json.WriteString("path", rawPath);
            json.WriteString("protocol", request.Protocol);
            json.WriteString("sourceIp", sourceIp);
            json.WriteString("userAgent", userAgent);
            json.WriteEndObject();
            json.WriteString("requestId", requestId);
            json.WriteString("routeKey", route.RouteKey);
            json.WriteString("stage", gateway.Stage);
            json.WriteString("time", now.UtcDateTime.ToString("dd/MMM/yyyy:HH:mm:ss +0000", CultureInfo.InvariantCulture));
            json.WriteNumber("timeEpoch", now.ToUnixTimeMilliseconds());
            json.WriteEndObject();

            if (pathParameters.Count > 0)
            {
                json.WriteStartObject("pathParameters");
                foreach (var (name, value) in pathParameters) json.WriteString(name, value);
                json.WriteEndObject();
            }

            var isBase64 = body.Length > 0 && !IsText(request.ContentType);
            if (body.Length > 0)
                json.WriteString("body", isBase64 ? Convert.ToBase64String(body.Span) : Encoding.UTF8.GetString(body.Span));
            json.WriteBoolean("isBase64Encoded", isBase64);
            json.WriteEndObject();
        }
        return buffer.ToArray();
    }

    /// <summary>Whether API Gateway passes a body of this content type as text (else base64 with isBase64Encoded).</summary>
    public static bool IsText(string? contentType)
    {
        if (string.IsNullOrWhiteSpace(contentType)) return false;
        var mediaType = contentType.Split(';', 2)[0].Trim().ToLowerInvariant();
        return mediaType.StartsWith("text/", StringComparison.Ordinal)
            || mediaType is "application/json" or "application/xml" or "application/javascript" or "application/x-www-form-urlencoded"
            || mediaType.EndsWith("+json", StringComparison.Ordinal)
            || mediaType.EndsWith("+xml", StringComparison.Ordinal);
    }

    /// <summary>The peer address; IPv4 clients of a dual-stack socket show as IPv4, as API Gateway reports them.</summary>
    public static string SourceIp(IPAddress? address) => address switch
    {
        null => "127.0.0.1",
        { IsIPv4MappedToIPv6: true } => address.MapToIPv4().ToString(),
        _ => address.ToString(),
    };

    private static List<string> Cookies(HttpRequest request) =>
        request.Headers.Cookie
            .SelectMany(header => (header ?? "").Split(';'))
            .Select(cookie => cookie.Trim())
            .Where(cookie => cookie.Length > 0)
            .ToList();

    private static IEnumerable<KeyValuePair<string, string>> Headers(HttpRequest request, string sourceIp, int localPort)
    {
        var headers = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, values) in request.Headers)
        {
            var key = name.ToLowerInvariant();
            if (key == "cookie") continue; // payload 2.0 carries cookies in their own field
            headers[key] = string.Join(',', values.ToArray());
        }
        // What API Gateway's front end adds.
        headers["x-forwarded-for"] = headers.TryGetValue("x-forwarded-for", out var forwarded) ? $"{forwarded}, {sourceIp}" : sourceIp;
        headers["x-forwarded-port"] = localPort.ToString(CultureInfo.InvariantCulture);
        headers["x-forwarded-proto"] = request.Scheme;
        return headers;
    }
}
