using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using Enrollment.Core.Errors;
using Enrollment.Functions.Wire;

namespace Enrollment.Functions.Http;

/// <summary>Builds the envelope responses of api.md: JSON, x-request-id, no caching (bodies can hold secrets).</summary>
public static class ApiResponses
{
    /// <summary>
    /// The wire context with relaxed escaping: bodies are JSON for apps, never embedded in HTML, so '&amp;' in a
    /// Key URI and '&lt;' in an SVG stay readable instead of becoming \u0026 and \u003C.
    /// </summary>
    private static readonly FunctionJsonContext Relaxed = new(new JsonSerializerOptions
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    });

    public static HttpApiResponse Ok<T>(T data, JsonTypeInfo<SuccessEnvelope<T>> typeInfo, string requestId, int statusCode = 200) =>
        new()
        {
            StatusCode = statusCode,
            Headers = BaseHeaders(requestId),
            Body = JsonSerializer.Serialize(new SuccessEnvelope<T>(data), Relaxed.GetTypeInfo(typeof(SuccessEnvelope<T>)) as JsonTypeInfo<SuccessEnvelope<T>> ?? typeInfo),
        };

    /// <summary>A non-JSON success (the audit export): same headers as every answer, the given content type.</summary>
    public static HttpApiResponse Text(string body, string contentType, string requestId)
    {
        var headers = BaseHeaders(requestId);
        headers["content-type"] = contentType;
        return new HttpApiResponse { StatusCode = 200, Headers = headers, Body = body };
    }

    public static HttpApiResponse Error(EnrollmentException error, string requestId)
    {
        var headers = BaseHeaders(requestId);
        if (error.RetryAfterSeconds is { } seconds) headers["retry-after"] = seconds.ToString();
        else if (error.Code == ErrorCode.RateLimited) headers["retry-after"] = "1";
        var body = new ErrorEnvelope(new ErrorBody(ErrorCodeNames.Of(error.Code), error.Message, requestId, error.Reason));
        return new HttpApiResponse
        {
            StatusCode = ErrorStatus.Of(error.Code),
            Headers = headers,
            Body = JsonSerializer.Serialize(body, Relaxed.ErrorEnvelope),
        };
    }

    private static Dictionary<string, string> BaseHeaders(string requestId) => new(StringComparer.OrdinalIgnoreCase)
    {
        ["content-type"] = "application/json; charset=utf-8",
        ["x-request-id"] = requestId,
        ["cache-control"] = "no-store",
    };
}
