using System.Diagnostics;
using System.Globalization;
using Enrollment.Local.Template;

namespace Enrollment.Local.Hosting;

/// <summary>
/// One function of the template, hosted in this process the way the managed runtime hosts it: the environment is
/// applied first, then the handler type is loaded and constructed once (the cold start), then each invocation
/// gets the event as a Stream and returns the response. Used by <c>invoke</c>; <c>start-api</c> and <c>up</c>
/// keep one host per function and call <see cref="InvokeAsync"/> per request.
/// </summary>
public sealed class FunctionHost : IFunctionInvoker
{
    private readonly FunctionHostOptions _options;
    private readonly SemaphoreSlim _initGate = new(1, 1);
    private object? _instance;
    private volatile bool _initialized;
    private TimeSpan? _pendingInitDuration;

    private FunctionHost(SamFunction function, IReadOnlyDictionary<string, string> environment, HandlerInvoker invoker, FunctionHostOptions options)
    {
        Function = function;
        Environment = environment;
        Invoker = invoker;
        _options = options;
    }

    public SamFunction Function { get; }

    /// <summary>The variables applied to this process for the function (see <see cref="FunctionEnvironment"/>).</summary>
    public IReadOnlyDictionary<string, string> Environment { get; }

    public HandlerInvoker Invoker { get; }

    public TimeSpan Timeout => _options.Timeout ?? TimeSpan.FromSeconds(Function.Timeout);

    /// <summary>
    /// Applies the function's environment to the process and resolves its handler. Throws
    /// <see cref="TemplateException"/> for an unknown function (the message lists the template's functions) and
    /// <see cref="HandlerResolutionException"/> when the handler cannot be found.
    /// </summary>
    public static FunctionHost Start(SamTemplate template, string functionLogicalId, FunctionHostOptions? options = null)
    {
        options ??= new FunctionHostOptions();
        var function = Find(template, functionLogicalId);

        var handler = function.ParseHandler();
        var environment = FunctionEnvironment.Build(function, options.EnvVars, template.Options.Region);
        FunctionEnvironment.Apply(environment); // before the handler's assembly or type is touched
        var codeUri = function.CodeUri is null ? null : Path.GetFullPath(Path.Combine(template.Directory, function.CodeUri));
        var probe = options.ProbeDirectories ?? HandlerAssemblyLocator.ProbeDirectories(codeUri);
        var invoker = HandlerInvoker.Resolve(handler, probe);
        return new FunctionHost(function, environment, invoker, options);
    }

    /// <summary>The template's function by logical id; the message of an unknown one lists the template's functions.</summary>
    public static SamFunction Find(SamTemplate template, string functionLogicalId)
    {
        if (template.Functions.TryGetValue(functionLogicalId, out var function)) return function;
        var known = template.Functions.Keys.Order(StringComparer.Ordinal).ToList();
        throw new TemplateException(known.Count == 0
            ? $"Function '{functionLogicalId}' is not in {template.Path}, which declares no AWS::Serverless::Function."
            : $"Function '{functionLogicalId}' is not in {template.Path}. Functions: {string.Join(", ", known)}.");
    }

    public string Describe() => $"{Invoker.Handler} in-process";

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    /// <summary>Runs the production constructor once (the cold start); <see cref="InvokeAsync"/> calls it when needed.</summary>
    public async Task InitializeAsync(CancellationToken cancellationToken = default)
    {
        if (_initialized) return;
        await _initGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_initialized) return;
            var clock = Stopwatch.StartNew();
            using (RedirectConsole())
            {
                _instance = Invoker.CreateInstance();
            }
            _pendingInitDuration = clock.Elapsed;
            _initialized = true;
        }
        finally
        {
            _initGate.Release();
        }
    }

    /// <summary>
    /// Invokes the function with an event. A function error (an exception, a timeout, a failing constructor) is a
    /// result with <see cref="InvocationResult.IsError"/> and Lambda's error document, not an exception.
    /// </summary>
    public async Task<InvocationResult> InvokeAsync(ReadOnlyMemory<byte> payload, string? requestId = null, CancellationToken cancellationToken = default)
    {
        requestId ??= Guid.NewGuid().ToString();
        var log = _options.Log;
        await log.WriteLineAsync($"START RequestId: {requestId} Version: $LATEST").ConfigureAwait(false);

        byte[] response;
        string? errorType = null;
        TimeSpan? initDuration = null;
        var clock = Stopwatch.StartNew();
        try
        {
            await InitializeAsync(cancellationToken).ConfigureAwait(false);
            initDuration = _pendingInitDuration;
            _pendingInitDuration = null;
            clock.Restart();
            using (RedirectConsole())
            {
                using var input = new MemoryStream(payload.ToArray(), writable: false);
                var output = await Invoker.InvokeAsync(_instance, input).WaitAsync(Timeout, cancellationToken).ConfigureAwait(false);
                await using (output.ConfigureAwait(false))
                {
                    using var buffer = new MemoryStream();
                    if (output.CanSeek) output.Position = 0;
                    await output.CopyToAsync(buffer, cancellationToken).ConfigureAwait(false);
                    response = buffer.ToArray();
                }
            }
        }
        catch (TimeoutException)
        {
            errorType = "Sandbox.Timedout";
            var message = $"{DateTime.UtcNow:yyyy-MM-ddTHH:mm:ss.fffZ} {requestId} Task timed out after {Timeout.TotalSeconds.ToString("0.00", CultureInfo.InvariantCulture)} seconds";
            await log.WriteLineAsync(message).ConfigureAwait(false);
            response = LambdaErrorDocument.Build(errorType, message, null);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            errorType = ex.GetType().Name;
            await log.WriteLineAsync($"{DateTime.UtcNow:yyyy-MM-ddTHH:mm:ss.fffZ}\t{requestId}\tfail\t{ex}").ConfigureAwait(false);
            response = LambdaErrorDocument.Build(errorType, ex.Message, ex.StackTrace);
        }
        var duration = clock.Elapsed;

        var maxMemory = MaxMemoryUsedMb();
        await log.WriteLineAsync($"END RequestId: {requestId}").ConfigureAwait(false);
        var init = initDuration is { } i ? $"Init Duration: {Ms(i)} ms\t" : "";
        await log.WriteLineAsync(
            $"REPORT RequestId: {requestId}\t{init}Duration: {Ms(duration)} ms\tBilled Duration: {Math.Ceiling(duration.TotalMilliseconds).ToString(CultureInfo.InvariantCulture)} ms\t" +
            $"Memory Size: {Function.MemorySize} MB\tMax Memory Used: {maxMemory} MB").ConfigureAwait(false);
        await log.FlushAsync(cancellationToken).ConfigureAwait(false);

        return new InvocationResult(requestId, response, errorType is not null, errorType, duration, initDuration, maxMemory);
    }

    private IDisposable RedirectConsole() => _options.RedirectConsoleToLog ? new ConsoleRedirect(_options.Log) : NoRedirect.Instance;

    private static string Ms(TimeSpan value) => value.TotalMilliseconds.ToString("0.00", CultureInfo.InvariantCulture);

    private static long MaxMemoryUsedMb()
    {
        using var process = Process.GetCurrentProcess();
        process.Refresh();
        return process.PeakWorkingSet64 / (1024 * 1024);
    }

    private sealed class ConsoleRedirect : IDisposable
    {
        private readonly TextWriter _previous = Console.Out;

        public ConsoleRedirect(TextWriter target) => Console.SetOut(target);

        public void Dispose()
        {
            Console.Out.Flush();
            Console.SetOut(_previous);
        }
    }

    private sealed class NoRedirect : IDisposable
    {
        public static readonly NoRedirect Instance = new();

        public void Dispose()
        {
        }
    }
}
