using System.Diagnostics;
using System.Globalization;

namespace Enrollment.Local.Emulator;

/// <summary>
/// moto_server (Cognito and DynamoDB) on a loopback port, owned by this process: started with TOTP checking on
/// (without it moto accepts any code), and stopped by its PID with its whole process tree when disposed.
/// </summary>
public sealed class MotoServerProcess : IAsyncDisposable
{
    public const string ExecutableName = "moto_server";

    /// <summary>Printed as is when moto is missing: what it is for and the one command that installs it.</summary>
    public const string InstallHint =
        "moto_server was not found on PATH. The local stack runs Cognito and DynamoDB on the moto emulator: " +
        "install it with `pip install \"moto[server]\"` (Python 3.9+), make sure moto_server is on PATH, then run `up` again.";

    private const int TailLines = 20;

    private readonly Process _process;
    private readonly Queue<string> _tail = new();
    private int _disposed;

    private MotoServerProcess(Process process, int port)
    {
        _process = process;
        Port = port;
        Endpoint = new Uri($"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}");
        ProcessId = process.Id;
    }

    public int Port { get; }

    public Uri Endpoint { get; }

    public int ProcessId { get; }

    public bool HasExited => _process.HasExited;

    /// <summary>The executable on PATH (or <paramref name="pathVariable"/>), or null.</summary>
    public static string? FindExecutable(string? pathVariable = null)
    {
        foreach (var directory in (pathVariable ?? Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = Path.Combine(directory, ExecutableName);
            if (File.Exists(candidate)) return candidate;
        }
        return null;
    }

    /// <summary>
    /// Starts moto and waits until it answers. If it exits or does not answer in time, it is stopped and an
    /// <see cref="EmulatorStartException"/> carries its last output.
    /// </summary>
    public static async Task<MotoServerProcess> StartAsync(string executable, int port, TimeSpan readyTimeout, CancellationToken cancellationToken)
    {
        var info = new ProcessStartInfo(executable, ["-H", "127.0.0.1", "-p", port.ToString(CultureInfo.InvariantCulture)])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true, // so moto never reads the terminal that Ctrl-C comes from
            UseShellExecute = false,
        };
        info.Environment["MOTO_COGNITO_IDP_USER_POOL_ENABLE_TOTP"] = "true";
        info.Environment["PYTHONUNBUFFERED"] = "1";

        var process = Process.Start(info) ?? throw new EmulatorStartException($"{executable} did not start.");
        var server = new MotoServerProcess(process, port);
        // moto logs every request; keep a short tail for error messages and drop the rest.
        process.OutputDataReceived += (_, e) => server.Remember(e.Data);
        process.ErrorDataReceived += (_, e) => server.Remember(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        try
        {
            await server.WaitUntilReadyAsync(readyTimeout, cancellationToken).ConfigureAwait(false);
            return server;
        }
        catch
        {
            await server.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Kills moto and its children by PID and waits for them; safe to call twice.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1) return;
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(10));
                await _process.WaitForExitAsync(wait.Token).ConfigureAwait(false);
            }
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
        catch (OperationCanceledException)
        {
            // Kill was sent; a process that ignores SIGKILL for 10 s is beyond our reach.
        }
        _process.Dispose();
    }

    private async Task WaitUntilReadyAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < timeout)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (_process.HasExited)
                throw new EmulatorStartException($"moto_server exited with code {_process.ExitCode} before it was ready.{TailText()}");
            try
            {
                using var response = await http.GetAsync(new Uri(Endpoint, "/moto-api/"), cancellationToken).ConfigureAwait(false);
                if ((int)response.StatusCode < 500) return;
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                // This attempt timed out; try again.
            }
            await Task.Delay(50, cancellationToken).ConfigureAwait(false);
        }
        throw new EmulatorStartException($"moto_server did not answer on port {Port} within {timeout.TotalSeconds:0} s.{TailText()}");
    }

    private void Remember(string? line)
    {
        if (line is null) return;
        lock (_tail)
        {
            _tail.Enqueue(line);
            while (_tail.Count > TailLines) _tail.Dequeue();
        }
    }

    private string TailText()
    {
        lock (_tail)
        {
            return _tail.Count == 0 ? "" : " Its last output:" + Environment.NewLine + string.Join(Environment.NewLine, _tail);
        }
    }
}
