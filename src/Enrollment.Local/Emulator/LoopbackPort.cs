using System.Net;
using System.Net.Sockets;

namespace Enrollment.Local.Emulator;

/// <summary>Ports on 127.0.0.1: a free one for the emulator, and a check that the API's port is free before anything starts.</summary>
public static class LoopbackPort
{
    /// <summary>A port the OS reports free right now (another process could still take it before we bind).</summary>
    public static int Free()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>Whether a listener can bind the port now; checked first so a taken port fails before the emulator starts.</summary>
    public static bool IsFree(int port)
    {
        try
        {
            using var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
