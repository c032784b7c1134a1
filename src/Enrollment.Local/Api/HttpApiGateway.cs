using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using Enrollment.Local.Hosting;
using Enrollment.Local.Template;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace Enrollment.Local.Api;

/// <summary>
/// API Gateway in front of the template's functions: match the route (404 <c>{"message":"Not Found"}</c> when none
/// does), run the route's JWT authorizer (401 when it refuses), build the payload 2.0 event, invoke the function the
/// template names through its <see cref="IFunctionInvoker"/> (one per function, created once, shared by concurrent
/// requests), and send its response back. One access line per request says what happened.
/// </summary>
public sealed class HttpApiGateway(
    IReadOnlyList<HttpApiDefinition> apis,
    IReadOnlyDictionary<string, IFunctionInvoker> functions,
    IReadOnlyDictionary<string, JwtAuthorizerEmulator> authorizers,
    GatewayIdentity identity,
    TextWriter accessLog,
    TimeProvider time)
{
    /// <summary>API Gateway's payload limit.</summary>
    public const int MaxBodyBytes = 10 * 1024 * 1024;

    /// <summary>The key of an authorizer in <c>authorizers</c>: API logical id and authorizer name.</summary>
    public static string AuthorizerKey(string apiLogicalId, string authorizerName) => $"{apiLogicalId}/{authorizerName}";

    public async Task HandleAsync(HttpContext context)
    {
        var started = Stopwatch.GetTimestamp();
        var requestId = NewRequestId();
        var request = context.Request;
        var rawTarget = context.Features.Get<IHttpRequestFeature>()?.RawTarget;
        var path = string.IsNullOrEmpty(rawTarget) || rawTarget[0] != '/' ? (request.Path.Value ?? "/") : rawTarget.Split('?', 2)[0];

        HttpApiRoute? route = null;
        IReadOnlyDictionary<string, string> pathParameters = new Dictionary<string, string>();
        HttpApiDefinition? api = null;
        foreach (var candidate in apis)
        {
            route = candidate.FindRoute(request.Method, path, out pathParameters);
            if (route is not null) { api = candidate; break; }
        }
        if (route is null || api is null || !functions.TryGetValue(route.FunctionLogicalId, out var function))
        {
            await GatewayResponses.NotFoundAsync(context, requestId).ConfigureAwait(false);
            Log(request, 404, started, "no route");
            return;
        }

        AuthorizerResult? authorization = null;
        if (route.AuthorizerName is { } authorizerName)
        {
            var authorizer = authorizers[AuthorizerKey(api.LogicalId, authorizerName)];
            authorization = await authorizer.AuthorizeAsync(IdentityValue(context, authorizer.Settings.IdentitySource), route.AuthorizationScopes, context.RequestAborted).ConfigureAwait(false);
            if (!authorization.IsAuthorized)
            {
                var denied = await GatewayResponses.UnauthorizedAsync(context, requestId, authorization, route.AuthorizationScopes).ConfigureAwait(false);
                Log(request, denied, started, $"authorizer {authorizerName}: {authorization.ErrorDescription}");
                return;
            }
        }

        var body = await ReadBodyAsync(request, context.RequestAborted).ConfigureAwait(false);
        if (body is null)
        {
            await GatewayResponses.PayloadTooLargeAsync(context, requestId).ConfigureAwait(false);
            Log(request, 413, started, "body over 10 MB");
            return;
        }

        var payload = HttpApiEventBuilder.Build(context, route, pathParameters, body, authorization, requestId, time.GetUtcNow(), identity);
        var result = await function.InvokeAsync(payload, requestId, context.RequestAborted).ConfigureAwait(false);
        var status = await HttpApiResponseWriter.WriteAsync(context, result, requestId).ConfigureAwait(false);

        var note = route.FunctionLogicalId;
        if (result.InitDuration is { } init) note += $", cold start {Milliseconds(init)} ms";
        if (result.IsError) note += $", function error: {ErrorSummary(result)}";
        Log(request, status, started, note);
    }

    /// <summary>The identity source's value: <c>$request.header.X</c> or <c>$request.querystring.X</c>.</summary>
    public static string? IdentityValue(HttpContext context, string identitySource)
    {
        const string header = "$request.header.";
        const string query = "$request.querystring.";
        if (identitySource.StartsWith(header, StringComparison.OrdinalIgnoreCase))
            return context.Request.Headers.TryGetValue(identitySource[header.Length..], out var value) ? value.ToString() : null;
        if (identitySource.StartsWith(query, StringComparison.OrdinalIgnoreCase))
            return context.Request.Query.TryGetValue(identitySource[query.Length..], out var value) ? value.ToString() : null;
        return null;
    }

    /// <summary>
    /// An id shaped like API Gateway's (<c>Mc7UVioPPHcEKPA=</c>), letters and digits only so it reads the same in a
    /// header, a JSON log line and an audit item.
    /// </summary>
    private static string NewRequestId() =>
        RandomNumberGenerator.GetString("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789", 15) + "=";

    private static async Task<byte[]?> ReadBodyAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (request.ContentLength > MaxBodyBytes) return null;
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
        {
            if (buffer.Length + read > MaxBodyBytes) return null;
            buffer.Write(chunk, 0, read);
        }
        return buffer.ToArray();
    }

    private static string ErrorSummary(InvocationResult result)
    {
        try
        {
            using var document = JsonDocument.Parse(result.Payload);
            var root = document.RootElement;
            var type = root.TryGetProperty("errorType", out var t) ? t.GetString() : result.ErrorType;
            var message = root.TryGetProperty("errorMessage", out var m) ? m.GetString() : null;
            return message is null ? type ?? "unknown" : $"{type}: {message}";
        }
        catch (JsonException)
        {
            return result.ErrorType ?? "unknown";
        }
    }

    private void Log(HttpRequest request, int status, long started, string note)
    {
        var elapsed = Milliseconds(Stopwatch.GetElapsedTime(started));
        // The path only, never the query: it can carry audit page cursors and usernames (api-admin.md: no cursor in any log line).
        accessLog.WriteLine($"{time.GetLocalNow():HH:mm:ss} {request.Method} {request.Path} → {status.ToString(CultureInfo.InvariantCulture)} in {elapsed} ms ({note})");
    }

    private static string Milliseconds(TimeSpan value) => value.TotalMilliseconds.ToString("0", CultureInfo.InvariantCulture);
}
