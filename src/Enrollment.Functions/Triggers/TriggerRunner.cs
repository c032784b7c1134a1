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
        JsonObject? root = null;
        TEvent triggerEvent;
        try
        {
            root = await JsonNode.ParseAsync(input) as JsonObject;
            triggerEvent = root?.Deserialize(eventType) ?? throw new JsonException();
        }
        catch (JsonException)
        {
            // A member of the wrong type (challengeResult "true", session an object) or not an object at all. Where the
            // trigger has a safe answer (Define: fail; Verify: wrong), give it: Define's failAuthentication reaches the
            // app as Cognito's NotAuthorizedException, a thrown error as UserLambdaValidationException with our text.
            log.Error("trigger event is not valid JSON of its kind", ("trigger", trigger), ("requestId", requestId), ("code", InvalidEvent));
            if (failSafe is null) throw new TriggerFailedException();
            root ??= [];
            failSafe(root);
            return Serialize(root);
        }

        var call = new TriggerInvocation<TEvent>(root!, triggerEvent, requestId);
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
                ("exception", ex.GetType().FullName), ("code", code), ("reason", (ex as EnrollmentException)?.Reason), ("stack", ex is EnrollmentException ? null : ex.StackTrace));
            if (failSafe is null) throw new TriggerFailedException();
            failSafe(call.Root);
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

        return Serialize(call.Root);
    }

    /// <summary>The log code of an event that could not be read as its trigger's event.</summary>
    public const string InvalidEvent = "INVALID_EVENT";

    private static MemoryStream Serialize(JsonObject root)
    {
        var output = new MemoryStream();
        using (var writer = new Utf8JsonWriter(output))
            root.WriteTo(writer);
        output.Position = 0;
        return output;
    }
}
