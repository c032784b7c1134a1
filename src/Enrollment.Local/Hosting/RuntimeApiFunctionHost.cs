using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using Enrollment.Local.Template;

namespace Enrollment.Local.Hosting;

/// <summary>
/// One function run the way provided.al2023 runs it: the built <c>bootstrap</c> in its own process, with the
/// function's environment, <c>_HANDLER</c> and <c>AWS_LAMBDA_RUNTIME_API</c> pointing at a <see cref="RuntimeApiEmulator"/>.
/// Like one Lambda execution environment: started on the first event (the cold start is the time until the runtime
/// first asks for an event), one event at a time, restarted after a crash, a timeout or an init error.
/// </summary>
public sealed class RuntimeApiFunctionHost : IFunctionInvoker
{
    /// <summary>Lambda gives a function's init phase 10 s (longer only with provisioned concurrency or SnapStart).</summary>
    public static readonly TimeSpan InitLimit = TimeSpan.FromSeconds(10);

    private readonly RuntimeApiEmulator _emulator;
    private readonly BootstrapArtifact _artifact;
    private readonly FunctionHostOptions _options;
    private readonly TextWriter _functionOutput;
    private readonly SemaphoreSlim _oneAtATime = new(1, 1);
    private Process? _process;
    private Task? _exited;

    private RuntimeApiFunctionHost(SamFunction function, IReadOnlyDictionary<string, string> environment, RuntimeApiEmulator emulator,
        BootstrapArtifact artifact, FunctionHostOptions options)
    {
        Function = function;
        Environment = environment;
        _emulator = emulator;
        _artifact = artifact;
        _options = options;
        _functionOutput = TextWriter.Synchronized(options.RedirectConsoleToLog ? options.Log : Console.Out);
    }

    public SamFunction Function { get; }

    /// <summary>The process's whole environment: nothing of the runner's leaks in, as in Lambda.</summary>
    public IReadOnlyDictionary<string, string> Environment { get; }

    public BootstrapArtifact Artifact => _artifact;

    /// <summary>The running bootstrap's process id, or null before the first event and after it ended.</summary>
    public int? ProcessId => _process is { HasExited: false } p ? p.Id : null;

    public TimeSpan Timeout => _options.Timeout ?? TimeSpan.FromSeconds(Function.Timeout);

    public string Describe() => $"bootstrap ({_artifact.Kind}, {_artifact.Path}) through the Runtime API";

    public static async Task<RuntimeApiFunctionHost> StartAsync(SamTemplate template, string functionLogicalId, BootstrapArtifact artifact,
        FunctionHostOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new FunctionHostOptions();
        var function = FunctionHost.Find(template, functionLogicalId);
        var arn = $"arn:aws:lambda:{template.Options.Region}:{template.Options.AccountId}:function:{function.LogicalId}";
        var emulator = await RuntimeApiEmulator.StartAsync(arn, cancellationToken).ConfigureAwait(false);
        var environment = ProcessEnvironment(function, options.EnvVars, template.Options.Region, emulator.Address, artifact);
        return new RuntimeApiFunctionHost(function, environment, emulator, artifact, options);
    }

    public async Task<InvocationResult> InvokeAsync(ReadOnlyMemory<byte> payload, string? requestId = null, CancellationToken cancellationToken = default)
    {
        requestId ??= Guid.NewGuid().ToString();
        await _oneAtATime.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return await InvokeOneAsync(payload, requestId, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _oneAtATime.Release();
        }
    }

    private async Task<InvocationResult> InvokeOneAsync(ReadOnlyMemory<byte> payload, string requestId, CancellationToken cancellationToken)
    {
        var log = _options.Log;
        await log.WriteLineAsync($"START RequestId: {requestId} Version: $LATEST").ConfigureAwait(false);
        TimeSpan? initDuration = null;
        var clock = Stopwatch.StartNew();
        var cold = _process is null || _process.HasExited;
        if (cold) StartProcess();
        var outcome = _emulator.EnqueueAsync(requestId, payload, DateTimeOffset.UtcNow + Timeout, TraceHeader());

        RuntimeOutcome result;
        string? failure = null;
        if (cold)
        {
            var initEnded = await Task.WhenAny(_emulator.FirstNext.Task, _emulator.InitError.Task, _exited!, Task.Delay(InitLimit, cancellationToken)).ConfigureAwait(false);
            initDuration = clock.Elapsed;
            clock.Restart();
            if (initEnded == _emulator.InitError.Task)
            {
                result = _emulator.InitError.Task.Result;
                failure = "init error";
                await StopProcessAsync().ConfigureAwait(false);
                return await FinishAsync(requestId, result, failure, clock.Elapsed, initDuration).ConfigureAwait(false);
            }
            if (initEnded != _emulator.FirstNext.Task)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var exited = _exited!.IsCompleted;
                var code = exited ? _process!.ExitCode : 0;
                await StopProcessAsync().ConfigureAwait(false);
                result = exited ? ExitError(requestId, code) : Error("Sandbox.Timedout", $"{requestId} the runtime did not ask for an event within {InitLimit.TotalSeconds:0} s (init phase)");
                return await FinishAsync(requestId, result, "init failed", clock.Elapsed, initDuration).ConfigureAwait(false);
            }
        }

        var ended = await Task.WhenAny(outcome, _exited!, Task.Delay(Timeout, cancellationToken)).ConfigureAwait(false);
        if (ended == outcome && outcome.IsCompletedSuccessfully)
        {
            result = outcome.Result;
        }
        else
        {
            cancellationToken.ThrowIfCancellationRequested();
            var exited = _exited!.IsCompleted;
            var code = exited ? _process!.ExitCode : 0;
            await StopProcessAsync().ConfigureAwait(false); // a timed-out environment is not reused, as in Lambda
            result = exited ? ExitError(requestId, code)
                : Error("Sandbox.Timedout", $"{DateTime.UtcNow:yyyy-MM-ddTHH:mm:ss.fffZ} {requestId} Task timed out after {Timeout.TotalSeconds.ToString("0.00", CultureInfo.InvariantCulture)} seconds");
            failure = result.ErrorType;
        }
        return await FinishAsync(requestId, result, failure, clock.Elapsed, initDuration).ConfigureAwait(false);
    }

    private async Task<InvocationResult> FinishAsync(string requestId, RuntimeOutcome outcome, string? failure, TimeSpan duration, TimeSpan? initDuration)
    {
        var log = _options.Log;
        if (failure is not null) await log.WriteLineAsync($"{requestId} {failure}: {System.Text.Encoding.UTF8.GetString(outcome.Body)}").ConfigureAwait(false);
        var maxMemory = PeakMemoryMb();
        await log.WriteLineAsync($"END RequestId: {requestId}").ConfigureAwait(false);
        var init = initDuration is { } i ? $"Init Duration: {Ms(i)} ms\t" : "";
        await log.WriteLineAsync(
            $"REPORT RequestId: {requestId}\t{init}Duration: {Ms(duration)} ms\tBilled Duration: {Math.Ceiling(duration.TotalMilliseconds).ToString(CultureInfo.InvariantCulture)} ms\t" +
            $"Memory Size: {Function.MemorySize} MB\tMax Memory Used: {maxMemory} MB").ConfigureAwait(false);
        await log.FlushAsync().ConfigureAwait(false);
        return new InvocationResult(requestId, outcome.Body, outcome.IsError, outcome.ErrorType, duration, initDuration, maxMemory);
    }

    /// <summary>CPU time the bootstrap process has used so far (user + system), or null when none runs.</summary>
    public TimeSpan? ProcessorTime()
    {
        try
        {
            if (_process is not { HasExited: false } process) return null;
            process.Refresh();
            return process.TotalProcessorTime;
        }
        catch (InvalidOperationException)
        {
            return null;
        }
    }

    /// <summary>The bootstrap process's peak resident memory (VmHWM on Linux), as Lambda's Max Memory Used.</summary>
    public long PeakMemoryMb()
    {
        try
        {
            if (_process is not { HasExited: false } process) return 0;
            process.Refresh();
            return process.PeakWorkingSet64 / (1024 * 1024);
        }
        catch (InvalidOperationException)
        {
            return 0; // it ended meanwhile
        }
    }

    private void StartProcess()
    {
        _emulator.Reset();
        var (fileName, arguments) = _artifact.Command();
        var start = new ProcessStartInfo(fileName)
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Path.GetDirectoryName(_artifact.Path)!,
        };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        start.Environment.Clear();
        foreach (var (key, value) in Environment) start.Environment[key] = value;
        var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) _functionOutput.WriteLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) _functionOutput.WriteLine(e.Data); };
        if (!process.Start()) throw new HandlerResolutionException($"Could not start {fileName}.");
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        _process = process;
        _exited = process.WaitForExitAsync();
    }

    private async Task StopProcessAsync()
    {
        if (_process is null) return;
        try
        {
            if (!_process.HasExited) _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(5)).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is InvalidOperationException or TimeoutException)
        {
            // Already gone, or not reaped in time; either way it takes no more events.
        }
        _process.Dispose();
        _process = null;
        _exited = null;
    }

    public async ValueTask DisposeAsync()
    {
        await StopProcessAsync().ConfigureAwait(false);
        await _emulator.DisposeAsync().ConfigureAwait(false);
        _oneAtATime.Dispose();
    }

    /// <summary>
    /// What Lambda sets for a provided.al2023 function, the function's own variables, and what the local machine
    /// needs to run it (PATH, HOME, the dotnet host's settings for a managed build, and the developer's AWS
    /// credentials when configured): nothing else of the runner's environment.
    /// </summary>
    private static Dictionary<string, string> ProcessEnvironment(SamFunction function, EnvVarsFile envVars, string region, string runtimeApi, BootstrapArtifact artifact)
    {
        var environment = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var name in PassedThrough)
            if (System.Environment.GetEnvironmentVariable(name) is { Length: > 0 } value) environment[name] = value;
        foreach (var (name, value) in System.Environment.GetEnvironmentVariables().Cast<System.Collections.DictionaryEntry>()
                     .Select(e => ((string)e.Key, e.Value as string ?? "")))
            if (name.StartsWith("DOTNET_", StringComparison.Ordinal) && value.Length > 0) environment[name] = value;
        foreach (var (name, value) in FunctionEnvironment.Build(function, envVars, region)) environment[name] = value;
        environment["AWS_LAMBDA_RUNTIME_API"] = runtimeApi;
        environment["_HANDLER"] = function.Handler;
        environment["LAMBDA_TASK_ROOT"] = Path.GetDirectoryName(artifact.Path)!;
        environment["LAMBDA_RUNTIME_DIR"] = Path.GetDirectoryName(artifact.Path)!;
        environment["TZ"] = ":UTC";
        // Empty means "unset" (up clears the developer's session token and profile this way).
        foreach (var empty in environment.Where(e => e.Value.Length == 0).Select(e => e.Key).ToList()) environment.Remove(empty);
        return environment;
    }

    private static readonly string[] PassedThrough =
    [
        "PATH", "HOME", "TMPDIR", "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "AWS_PROFILE",
        "AWS_SHARED_CREDENTIALS_FILE", "AWS_CONFIG_FILE",
    ];

    private static RuntimeOutcome ExitError(string requestId, int exitCode) =>
        Error("Runtime.ExitError", $"RequestId: {requestId} Error: Runtime exited with error: exit status {exitCode.ToString(CultureInfo.InvariantCulture)}");

    private static RuntimeOutcome Error(string type, string message) => new(LambdaErrorDocument.Build(type, message, null), type);

    /// <summary>An X-Ray trace header shaped as Lambda sends it (Root=1-{epoch hex}-{96-bit id};Parent=…;Sampled=0).</summary>
    private static string TraceHeader() =>
        $"Root=1-{DateTimeOffset.UtcNow.ToUnixTimeSeconds():x8}-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12))};Parent={Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8))};Sampled=0";

    private static string Ms(TimeSpan value) => value.TotalMilliseconds.ToString("0.00", CultureInfo.InvariantCulture);
}
