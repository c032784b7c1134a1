using System.Diagnostics;
using System.Text.Json;
using Enrollment.Core.Errors;
using Enrollment.Functions.Hosting;
using Enrollment.Functions.Wire;

namespace Enrollment.Functions.Http;

/// <summary>
/// What every HTTP function does around its own work: parse the event, turn failures into the envelope,
/// bound the time, and log one safe line per request. Unknown exceptions are a 500 with the request id.
/// </summary>
public sealed class HttpFunctionRunner(FunctionLog log, TimeSpan budget, TimeProvider? time = null)
{
    /// <summary>Per route and status class: request count and latency, from the log line itself (EMF).</summary>
    private static readonly (string Name, string Unit)[] RequestMetrics = [("requests", "Count"), ("durationMs", "Milliseconds")];
    private static readonly string[] RequestDimensions = ["route", "statusClass"];

    public async Task<Stream> RunAsync(Stream input, string route, Func<ApiRequest, CancellationToken, Task<HttpApiResponse>> handle)
    {
        var started = Stopwatch.GetTimestamp();
        ApiRequest? request = null;
        HttpApiResponse? response = null;
        EnrollmentException? failure = null;
        using var timeout = new CancellationTokenSource(budget);
        try
        {
            var raw = await JsonSerializer.DeserializeAsync(input, FunctionJsonContext.Default.HttpApiRequest, timeout.Token)
                ?? throw EnrollmentException.Invalid("The event is empty.");
            request = new ApiRequest(raw);
            response = await handle(request, timeout.Token);
        }
        catch (EnrollmentException ex)
        {
            failure = ex;
        }
        catch (JsonException)
        {
            failure = EnrollmentException.Invalid("The event is not an HTTP API payload 2.0 request.");
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested)
        {
            failure = RequestFailures.TookTooLong();
        }
        catch (Exception ex)
        {
            // A defect. Log the type and stack (no message: a library message can quote input).
            log.Error("unhandled exception", ("route", route), ("requestId", request?.RequestId), ("exception", ex.GetType().FullName), ("stack", ex.StackTrace));
            failure = RequestFailures.Internal();
        }

        var requestId = request?.RequestId ?? Guid.NewGuid().ToString("n");
        response = failure is null ? response! : ApiResponses.Error(failure, requestId);

        log.Info("request",
            ("route", route),
            ("requestId", requestId),
            ("status", response.StatusCode),
            ("code", failure is null ? null : ErrorCodeNames.Of(failure.Code)),
            ("reason", failure?.Reason),
            ("durationMs", Stopwatch.GetElapsedTime(started).TotalMilliseconds),
            ("statusClass", $"{response.StatusCode / 100}xx"),
            ("requests", 1),
            (EmbeddedMetrics.FieldName, new EmbeddedMetrics(EmbeddedMetrics.ServiceNamespace, RequestDimensions, RequestMetrics, (time ?? TimeProvider.System).GetUtcNow())));

        var output = new MemoryStream();
        await JsonSerializer.SerializeAsync(output, response, FunctionJsonContext.Default.HttpApiResponse);
        output.Position = 0;
        return output;
    }
}
