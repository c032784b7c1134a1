using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text;
using Enrollment.Testing;

namespace Enrollment.Local.Tests.Stack;

/// <summary>
/// The local runner as a user starts it: `dotnet Enrollment.Local.dll ARGS` in its own process, from the repository
/// root. Output is collected line by line; waiting for a line is event-driven (no polling). Disposing sends SIGTERM
/// and, if that is not enough, kills the process tree, so a failing test leaves nothing behind.
/// </summary>
public sealed class RunnerProcess : IAsyncDisposable
{
    public const int SigInt = 2;
    public const int SigTerm = 15;

    private readonly Process _process;
    private readonly StringBuilder _stdout = new();
    private readonly StringBuilder _stderr = new();
    private readonly List<(Func<string, bool> Match, TaskCompletionSource<string> Found)> _waiters = [];
    private readonly TaskCompletionSource _exited = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private int _disposed;

    private RunnerProcess(Process process) => _process = process;

    public int Id => _process.Id;

    public bool HasExited => _process.HasExited;

    public string Stdout { get { lock (_stdout) return _stdout.ToString(); } }

    public string Stderr { get { lock (_stdout) return _stderr.ToString(); } }

    public string Output => $"--- stdout ---\n{Stdout}\n--- stderr ---\n{Stderr}";

    /// <param name="environment">Variables to set (null removes one) on top of this process's environment.</param>
    public static RunnerProcess Start(IEnumerable<string> args, IReadOnlyDictionary<string, string?>? environment = null)
    {
        var info = new ProcessStartInfo(DotnetHost(), [RepoPaths.LocalRunnerDll, .. args])
        {
            WorkingDirectory = RepoPaths.Root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        info.Environment["DOTNET_NOLOGO"] = "1";
        if (environment is not null)
            foreach (var (name, value) in environment)
            {
                if (value is null) info.Environment.Remove(name); else info.Environment[name] = value;
            }

        var process = new Process { StartInfo = info, EnableRaisingEvents = true };
        var runner = new RunnerProcess(process);
        process.OutputDataReceived += (_, e) => runner.OnLine(e.Data, runner._stdout);
        process.ErrorDataReceived += (_, e) => runner.OnLine(e.Data, runner._stderr);
        process.Exited += (_, _) => runner._exited.TrySetResult();
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return runner;
    }

    /// <summary>The first stdout or stderr line matching; fails with the output so far if the process exits first.</summary>
    public async Task<string> WaitForLineAsync(Func<string, bool> match, TimeSpan timeout)
    {
        var found = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_stdout)
        {
            var seen = (_stdout + "\n" + _stderr).Split('\n').FirstOrDefault(match);
            if (seen is not null) return seen;
            _waiters.Add((match, found));
        }
        var winner = await Task.WhenAny(found.Task, _exited.Task, Task.Delay(timeout, TestContext.Current.CancellationToken));
        if (winner == found.Task) return await found.Task;
        if (found.Task.IsCompleted) return await found.Task;
        await WaitForOutputDrainedAsync();
        throw new Xunit.Sdk.XunitException((winner == _exited.Task ? $"The runner exited ({_process.ExitCode}) first." : $"No such line within {timeout.TotalSeconds} s.") + "\n" + Output);
    }

    /// <summary>Waits for the process to end (after a signal); returns its exit code.</summary>
    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        cancel.CancelAfter(timeout);
        await _process.WaitForExitAsync(cancel.Token);
        return _process.ExitCode;
    }

    public void Signal(int signal)
    {
        if (kill(_process.Id, signal) != 0) throw new InvalidOperationException($"kill({_process.Id}, {signal}) failed: errno {Marshal.GetLastPInvokeError()}.");
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1) return;
        if (!_process.HasExited)
        {
            try
            {
                Signal(SigTerm);
                using var grace = new CancellationTokenSource(TimeSpan.FromSeconds(10));
                await _process.WaitForExitAsync(grace.Token);
            }
            catch (Exception ex) when (ex is OperationCanceledException or InvalidOperationException)
            {
                _process.Kill(entireProcessTree: true);
            }
        }
        _process.Dispose();
    }

    /// <summary>Whether a process runs (a zombie, ended but not yet reaped, counts as gone).</summary>
    public static bool IsAlive(int pid)
    {
        var stat = $"/proc/{pid}/stat";
        try
        {
            var text = File.ReadAllText(stat);
            var state = text[(text.LastIndexOf(')') + 2)..].Split(' ')[0];
            return state != "Z" && state != "X";
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException or IOException)
        {
            return false;
        }
    }

    /// <summary>dotnet by full path, so a test can run the runner with a PATH that lacks other tools.</summary>
    public static string DotnetHost() =>
        Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host) ? host
        : (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator)
            .Select(dir => Path.Combine(dir, "dotnet")).FirstOrDefault(File.Exists)
        ?? "dotnet";

    private void OnLine(string? line, StringBuilder sink)
    {
        if (line is null) return;
        List<TaskCompletionSource<string>> completed = [];
        lock (_stdout)
        {
            sink.Append(line).Append('\n');
            for (var i = _waiters.Count - 1; i >= 0; i--)
            {
                if (!_waiters[i].Match(line)) continue;
                completed.Add(_waiters[i].Found);
                _waiters.RemoveAt(i);
            }
        }
        foreach (var found in completed) found.TrySetResult(line);
    }

    private async Task WaitForOutputDrainedAsync()
    {
        if (!_process.HasExited) return;
        using var drain = new CancellationTokenSource(TimeSpan.FromSeconds(2));
        try { await _process.WaitForExitAsync(drain.Token); } catch (OperationCanceledException) { }
    }

    [DllImport("libc", SetLastError = true)]
    private static extern int kill(int pid, int sig);
}
