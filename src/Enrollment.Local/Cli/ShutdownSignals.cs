using System.Runtime.InteropServices;

namespace Enrollment.Local.Cli;

/// <summary>
/// Turns Ctrl-C (Console.CancelKeyPress), SIGTERM and SIGHUP into one cancellation, so `up` and `start-api` stop
/// what they started instead of being torn down by the runtime. A second Ctrl-C is let through: if cleanup hangs,
/// the user can still leave.
/// </summary>
public sealed class ShutdownSignals : IDisposable
{
    private readonly CancellationTokenSource _stop;
    private readonly PosixSignalRegistration _term;
    private readonly PosixSignalRegistration _hangup;
    private int _signals;

    private ShutdownSignals(CancellationToken outer)
    {
        _stop = CancellationTokenSource.CreateLinkedTokenSource(outer);
        Console.CancelKeyPress += OnCancelKeyPress;
        _term = PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal);
        _hangup = PosixSignalRegistration.Create(PosixSignal.SIGHUP, OnSignal);
    }

    public CancellationToken Token => _stop.Token;

    /// <summary>Which signal stopped us ("Ctrl-C", "SIGTERM"...), or null.</summary>
    public string? Received { get; private set; }

    /// <param name="outer">A caller's token (tests) that stops as a signal would.</param>
    public static ShutdownSignals Listen(CancellationToken outer = default) => new(outer);

    public void Dispose()
    {
        Console.CancelKeyPress -= OnCancelKeyPress;
        _term.Dispose();
        _hangup.Dispose();
        _stop.Dispose();
    }

    private void OnCancelKeyPress(object? sender, ConsoleCancelEventArgs e)
    {
        e.Cancel = Interlocked.Increment(ref _signals) == 1;
        Stop("Ctrl-C");
    }

    private void OnSignal(PosixSignalContext context)
    {
        context.Cancel = Interlocked.Increment(ref _signals) == 1;
        Stop(context.Signal.ToString());
    }

    private void Stop(string signal)
    {
        Received ??= signal;
        try
        {
            _stop.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // Already shutting down.
        }
    }
}
