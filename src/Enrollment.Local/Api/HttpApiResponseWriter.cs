using System.Text;
using System.Text.Json;
using Enrollment.Local.Hosting;
using Microsoft.AspNetCore.Http;

namespace Enrollment.Local.Api;

/// <summary>
/// Sends a function's payload 2.0 response as HTTP, with API Gateway's rules: <c>statusCode</c>, <c>headers</c>,
/// <c>cookies</c> (one Set-Cookie each) and <c>body</c> (decoded when <c>isBase64Encoded</c>); valid JSON without a
/// <c>statusCode</c> is a 200 application/json response of that JSON; a function error or a response that is not
/// JSON is API Gateway's 500.
/// </summary>
public static class HttpApiResponseWriter
{
    // Framing headers belong to this server, not to the function.
    private static readonly HashSet<string> Skipped = new(StringComparer.OrdinalIgnoreCase) { "content-length", "transfer-encoding", "connection" };

    /// <returns>The status code sent.</returns>
    public static async Task<int> WriteAsync(HttpContext context, InvocationResult result, string requestId)
    {
        if (result.IsError)
        {
            await GatewayResponses.InternalServerErrorAsync(context, requestId).ConfigureAwait(false);
            return StatusCodes.Status500InternalServerError;
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(result.Payload);
        }
        catch (JsonException)
        {
            await GatewayResponses.InternalServerErrorAsync(context, requestId).ConfigureAwait(false);
            return StatusCodes.Status500InternalServerError;
        }

        using (document)
        {
            var root = document.RootElement;
            var response = context.Response;
            response.Headers[GatewayResponses.RequestIdHeader] = requestId;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("statusCode", out var statusElement))
            {
                response.StatusCode = StatusCodes.Status200OK;
                response.ContentType = "application/json";
                await response.Body.WriteAsync(result.Payload, context.RequestAborted).ConfigureAwait(false);
                return StatusCodes.Status200OK;
            }
            if (!TryStatus(statusElement, out var status))
            {
                await GatewayResponses.InternalServerErrorAsync(context, requestId).ConfigureAwait(false);
                return StatusCodes.Status500InternalServerError;
            }

            response.StatusCode = status;
            if (root.TryGetProperty("headers", out var headers) && headers.ValueKind == JsonValueKind.Object)
            {
                foreach (var header in headers.EnumerateObject())
                {
                    if (Skipped.Contains(header.Name) || header.Value.ValueKind is JsonValueKind.Null or JsonValueKind.Object or JsonValueKind.Array) continue;
                    response.Headers[header.Name] = JwtClaimRenderer.Render(header.Value);
                }
            }
            if (root.TryGetProperty("cookies", out var cookies) && cookies.ValueKind == JsonValueKind.Array)
            {
                foreach (var cookie in cookies.EnumerateArray().Where(c => c.ValueKind == JsonValueKind.String))
                    response.Headers.Append("set-cookie", cookie.GetString());
            }

            var body = root.TryGetProperty("body", out var bodyElement) && bodyElement.ValueKind == JsonValueKind.String ? bodyElement.GetString()! : "";
            var isBase64 = root.TryGetProperty("isBase64Encoded", out var flag) && flag.ValueKind == JsonValueKind.True;
            byte[] bytes;
            try
            {
                bytes = isBase64 ? Convert.FromBase64String(body) : Encoding.UTF8.GetBytes(body);
            }
            catch (FormatException)
            {
                response.Headers.Clear();
                await GatewayResponses.InternalServerErrorAsync(context, requestId).ConfigureAwait(false);
                return StatusCodes.Status500InternalServerError;
            }
            response.ContentLength = bytes.Length;
            await response.Body.WriteAsync(bytes, context.RequestAborted).ConfigureAwait(false);
            return status;
        }
    }

    private static bool TryStatus(JsonElement element, out int status)
    {
        status = 0;
        return element.ValueKind == JsonValueKind.Number && element.TryGetInt32(out status) && status is >= 100 and <= 599;
    }
}
