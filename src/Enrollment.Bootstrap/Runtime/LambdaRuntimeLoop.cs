namespace Enrollment.Bootstrap.Runtime;

/// <summary>
/// The custom runtime's life, as the runtime API describes it: initialize the function once (a failure is reported
/// to /runtime/init/error and ends the process), then forever take the next event, run it, and post the answer or
/// the error. The X-Ray header of each event is put in <c>_X_AMZN_TRACE_ID</c> before the function runs, as the
/// managed runtimes do, so SDK calls made for that event carry it.
/// </summary>
public sealed class LambdaRuntimeLoop(ILambdaRuntimeApi api, TextWriter log)
{
    public const string TraceIdVariable = "_X_AMZN_TRACE_ID";

    /// <summary>Exit code after an init error (the runtime API asks the runtime to exit).</summary>
    public const int InitFailed = 1;

    /// <param name="initialize">Builds the function (its production constructor); runs once, before the first event.</param>
    /// <returns>The exit code: only an init error, a refused runtime API call or cancellation end the loop.</returns>
    public async Task<int> RunAsync(Func<StreamFunction> initialize, CancellationToken cancellationToken)
    {
        StreamFunction function;
        try
        {
            function = initialize();
        }
        catch (Exception ex)
        {
            var error = ex is UnknownHandlerException unknown
                ? new LambdaError(unknown.Message, LambdaError.NoSuchHandler, [])
                : LambdaError.From(ex);
            await log.WriteLineAsync($"init error: {error.ErrorType}: {error.ErrorMessage}").ConfigureAwait(false);
            await api.ReportInitErrorAsync(error, cancellationToken).ConfigureAwait(false);
            return InitFailed;
        }

        while (!cancellationToken.IsCancellationRequested)
        {
            LambdaInvocation invocation;
            try
            {
                invocation = await api.NextInvocationAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                break;
            }
            await HandleAsync(function, invocation, cancellationToken).ConfigureAwait(false);
        }
        return 0;
    }

    private async Task HandleAsync(StreamFunction function, LambdaInvocation invocation, CancellationToken cancellationToken)
    {
        Environment.SetEnvironmentVariable(TraceIdVariable, invocation.TraceId); // null clears the previous event's
        byte[] answer;
        try
        {
            using var input = new MemoryStream(invocation.Payload.ToArray(), writable: false);
            await using var output = await function(input).ConfigureAwait(false);
            answer = await ReadAllAsync(output, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            var error = LambdaError.From(ex);
            // Type and request id only: a message or a stack frame is the function's business to log, not ours.
            await log.WriteLineAsync($"{invocation.RequestId} invocation failed: {error.ErrorType}").ConfigureAwait(false);
            await api.ReportInvocationErrorAsync(invocation.RequestId, error, cancellationToken).ConfigureAwait(false);
            return;
        }
        await api.SendResponseAsync(invocation.RequestId, answer, cancellationToken).ConfigureAwait(false);
    }

    private static async Task<byte[]> ReadAllAsync(Stream output, CancellationToken cancellationToken)
    {
        if (output is MemoryStream memory) return memory.ToArray(); // the whole answer, wherever its position is
        if (output.CanSeek) output.Position = 0;
        using var copy = new MemoryStream();
        await output.CopyToAsync(copy, cancellationToken).ConfigureAwait(false);
        return copy.ToArray();
    }
}
