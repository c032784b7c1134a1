using System.Globalization;
using System.Net;
using Enrollment.Local.Cli;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;

namespace Enrollment.Local.Api;

/// <summary>
/// Kestrel on 127.0.0.1, with nothing but the gateway behind it: no ASP.NET Core logging, routing or server
/// header, so what a client sees is what API Gateway and the function send.
/// </summary>
public sealed class LocalApiServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private LocalApiServer(WebApplication app, Uri url)
    {
        _app = app;
        Url = url;
    }

    public Uri Url { get; }

    public static async Task<LocalApiServer> StartAsync(int port, RequestDelegate handler, CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Limits.MaxRequestBodySize = null; // the gateway enforces API Gateway's own limit and answers as it does
            // Kestrel's own refusals (bad request line, too many headers) answer JSON, as API Gateway's do.
            kestrel.Listen(IPAddress.Loopback, port, listen => listen.Use(ServerRejectionRewriter.Use));
        });
        var app = builder.Build();
        app.Run(handler);
        try
        {
            await app.StartAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (IOException ex) when (ex.InnerException is System.Net.Sockets.SocketException or null)
        {
            await app.DisposeAsync().ConfigureAwait(false);
            throw new CliException($"Port {port.ToString(CultureInfo.InvariantCulture)} on 127.0.0.1 is in use; pass --port with a free one.");
        }
        catch
        {
            await app.DisposeAsync().ConfigureAwait(false);
            throw;
        }
        return new LocalApiServer(app, new Uri($"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}"));
    }

    public async ValueTask DisposeAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        try
        {
            await _app.StopAsync(timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // In-flight requests past the grace period are cut off; we are shutting down.
        }
        await _app.DisposeAsync().ConfigureAwait(false);
    }
}
