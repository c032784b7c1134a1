using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Enrollment.Core.Errors;
using Enrollment.Functions.Wire;

namespace Enrollment.Functions.Http;

/// <summary>Builds the envelope responses of api.md: JSON, x-request-id, no caching (bodies can hold secrets).</summary>
public static class ApiResponses
{
    /// <summary>The success envelope, written with <see cref="FunctionJsonContext.Answers"/> like every other answer.</summary>
    /// <typeparam name="T">A data type whose envelope <see cref="FunctionJsonContext"/> lists (else the first call throws).</typeparam>
    public static HttpApiResponse Ok<T>(T data, string requestId, int statusCode = 200) =>
        new()
        {
            StatusCode = statusCode,
            Headers = BaseHeaders(requestId),
            Body = JsonSerializer.Serialize(new SuccessEnvelope<T>(data), Envelope<T>.TypeInfo),
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
            Body = JsonSerializer.Serialize(body, FunctionJsonContext.Answers.ErrorEnvelope),
        };
    }

    /// <summary>Looked up once per data type, not per request.</summary>
    private static class Envelope<T>
    {
        public static readonly JsonTypeInfo<SuccessEnvelope<T>> TypeInfo =
            FunctionJsonContext.Answers.GetTypeInfo(typeof(SuccessEnvelope<T>)) as JsonTypeInfo<SuccessEnvelope<T>>
            ?? throw new InvalidOperationException($"FunctionJsonContext does not list SuccessEnvelope<{typeof(T).Name}>.");
    }

    private static Dictionary<string, string> BaseHeaders(string requestId) => new(StringComparer.OrdinalIgnoreCase)
    {
        ["content-type"] = "application/json; charset=utf-8",
        ["x-request-id"] = requestId,
        ["cache-control"] = "no-store",
    };
}
