using System.Net;
using System.Net.Sockets;

namespace Enrollment.Testing;

/// <summary>
/// A dependency that hangs: a loopback TCP listener that accepts every connection and never reads or answers,
/// the way a stalled load balancer or a wedged service looks to a client. Bounded: loopback only, at most
/// <see cref="MaxConnections"/> held sockets, all closed on dispose.
/// </summary>
public sealed class HungListener : IDisposable
{
    public const int MaxConnections = 64;

    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly List<Socket> _held = [];
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _acceptLoop;
    private int _accepted;

    public HungListener()
    {
        _listener.Start();
        Endpoint = new Uri($"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}/");
        _acceptLoop = AcceptAsync();
    }

    public Uri Endpoint { get; }

    /// <summary>Connections accepted so far (each one an attempt that will never be answered).</summary>
    public int Accepted => Volatile.Read(ref _accepted);

    private async Task AcceptAsync()
    {
        try
        {
            while (!_stop.IsCancellationRequested)
            {
                var socket = await _listener.AcceptSocketAsync(_stop.Token);
                lock (_held)
                {
                    if (_held.Count >= MaxConnections) { socket.Dispose(); continue; }
                    _held.Add(socket);
                }
                Interlocked.Increment(ref _accepted);
            }
        }
        catch (OperationCanceledException) { }
        catch (ObjectDisposedException) { }
        catch (SocketException) { }
    }

    public void Dispose()
    {
        _stop.Cancel();
        _listener.Stop();
        lock (_held)
        {
            foreach (var socket in _held) socket.Dispose();
            _held.Clear();
        }
        try { _acceptLoop.Wait(TimeSpan.FromSeconds(2)); } catch (AggregateException) { }
        _stop.Dispose();
    }
}
