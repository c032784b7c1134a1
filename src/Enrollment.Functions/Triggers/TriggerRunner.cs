using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;
using Enrollment.Core.Errors;
using Enrollment.Functions.Hosting;
using Enrollment.Functions.Wire;

namespace Enrollment.Functions.Triggers;

/// <summary>
/// What every trigger does around its own work: parse the event (kept whole, so it goes back whole), bound the
/// time (Cognito allows 5 s, cold start included), turn any failure into the trigger's safe answer, and log one
/// line of safe fields. Never logs the event, an answer, clientMetadata or challenge parameters.
/// </summary>
public sealed class TriggerRunner(FunctionLog log, TimeSpan budget)
{
    /// <param name="failSafe">The answer when the work fails (Define: fail; Verify: wrong). Null: throw <see cref="TriggerFailedException"/>.</param>
    public async Task<Stream> RunAsync<TEvent>(Stream input, string trigger, JsonTypeInfo<TEvent> eventType,
        Func<TriggerInvocation<TEvent>, CancellationToken, Task> work, Action<JsonObject>? failSafe) where TEvent : CognitoTriggerEvent
    {
        var started = Stopwatch.GetTimestamp();
        var requestId = Guid.NewGuid().ToString("n");
        JsonObject root;
        TEvent triggerEvent;
        try
        {
            root = await JsonNode.ParseAsync(input) as JsonObject ?? throw new JsonException();
            triggerEvent = root.Deserialize(eventType) ?? throw new JsonException();
        }
        catch (JsonException)
        {
            log.Error("trigger event is not valid JSON of its kind", ("trigger", trigger), ("requestId", requestId));
            throw new TriggerFailedException();
        }

        var call = new TriggerInvocation<TEvent>(root, triggerEvent, requestId);
        using var timeout = new CancellationTokenSource(budget);
        try
        {
            await work(call, timeout.Token);
        }
        catch (Exception ex)
        {
            // Type, code and stack only: a library message can quote input.
            var code = ex is EnrollmentException known ? ErrorCodeNames.Of(known.Code)
                : ex is OperationCanceledException && timeout.IsCancellationRequested ? "TIMEOUT"
                : ErrorCodeNames.Of(ErrorCode.InternalError);
            log.Error("trigger failed", ("trigger", trigger), ("triggerSource", triggerEvent.TriggerSource), ("requestId", requestId),
                ("exception", ex.GetType().FullName), ("code", code), ("stack", ex is EnrollmentException ? null : ex.StackTrace));
            if (failSafe is null) throw new TriggerFailedException();
            failSafe(root);
            call.Report("FAIL_SAFE", code);
        }

        log.Info("trigger",
            ("trigger", trigger),
            ("triggerSource", triggerEvent.TriggerSource),
            ("requestId", requestId),
            ("clientId", triggerEvent.CallerContext?.ClientId),
            ("decision", call.Decision),
            ("reason", call.Reason),
            ("durationMs", Stopwatch.GetElapsedTime(started).TotalMilliseconds));

        var output = new MemoryStream();
        await using (var writer = new Utf8JsonWriter(output))
            root.WriteTo(writer);
        output.Position = 0;
        return output;
    }
}
