using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Threading.Channels;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;

namespace Enrollment.Local.Hosting;

/// <summary>
/// Lambda's Runtime API (2018-06-01) on a loopback port for one execution environment, as SAM's emulator serves it:
/// GET /runtime/invocation/next hands out queued events with the documented headers (Lambda-Runtime-Aws-Request-Id,
/// -Deadline-Ms, -Invoked-Function-Arn, -Trace-Id), POST .../{id}/response and .../{id}/error complete them
/// (202 Accepted), POST /runtime/init/error records an init failure. Unknown paths are 404, an unknown or finished
/// request id 400, as the API's specification lists.
/// </summary>
public sealed class RuntimeApiEmulator : IAsyncDisposable
{
    private const string Prefix = "/2018-06-01/runtime/";
    private readonly WebApplication _app;
    private readonly Channel<PendingInvocation> _queue = Channel.CreateUnbounded<PendingInvocation>();
    private readonly ConcurrentDictionary<string, PendingInvocation> _inFlight = new(StringComparer.Ordinal);
    private readonly string _functionArn;

    private RuntimeApiEmulator(WebApplication app, string functionArn)
    {
        _app = app;
        _functionArn = functionArn;
    }

    /// <summary>host:port, the value of AWS_LAMBDA_RUNTIME_API.</summary>
    public string Address { get; private set; } = "";

    /// <summary>Completes when the runtime first asks for an event: its init is over.</summary>
    public TaskCompletionSource FirstNext { get; private set; } = NewSignal();

    /// <summary>Completes when the runtime reports an init error.</summary>
    public TaskCompletionSource<RuntimeOutcome> InitError { get; private set; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public static async Task<RuntimeApiEmulator> StartAsync(string functionArn, CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Listen(IPAddress.Loopback, 0);
        });
        var app = builder.Build();
        var emulator = new RuntimeApiEmulator(app, functionArn);
        app.Run(emulator.HandleAsync);
        await app.StartAsync(cancellationToken).ConfigureAwait(false);
        var address = app.Urls.Single(); // http://127.0.0.1:port
        emulator.Address = new Uri(address).Authority;
        return emulator;
    }

    /// <summary>A new execution environment (after a crash, a timeout or an init error): forget the old one's state.</summary>
    public void Reset()
    {
        foreach (var pending in _inFlight.Values) pending.Outcome.TrySetCanceled();
        _inFlight.Clear();
        while (_queue.Reader.TryRead(out var stale)) stale.Outcome.TrySetCanceled();
        FirstNext = NewSignal();
        InitError = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    /// <summary>Queues an event for the runtime; the task completes with its response or error.</summary>
    public Task<RuntimeOutcome> EnqueueAsync(string requestId, ReadOnlyMemory<byte> payload, DateTimeOffset deadline, string traceId)
    {
        var pending = new PendingInvocation(requestId, payload, deadline, traceId);
        _inFlight[requestId] = pending;
        _queue.Writer.TryWrite(pending);
        return pending.Outcome.Task;
    }

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
        try
        {
            await _app.StopAsync(timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // A runtime still waiting in /next is cut off; the process is gone or going.
        }
        await _app.DisposeAsync().ConfigureAwait(false);
    }

    private async Task HandleAsync(HttpContext context)
    {
        var path = context.Request.Path.Value ?? "";
        var method = context.Request.Method;
        if (!path.StartsWith(Prefix, StringComparison.Ordinal))
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }
        var resource = path[Prefix.Length..];
        if (resource == "invocation/next" && HttpMethods.IsGet(method))
        {
            await NextAsync(context).ConfigureAwait(false);
            return;
        }
        if (resource == "init/error" && HttpMethods.IsPost(method))
        {
            InitError.TrySetResult(new RuntimeOutcome(await BodyAsync(context).ConfigureAwait(false), ErrorType(context)));
            await AcceptedAsync(context).ConfigureAwait(false);
            return;
        }
        var parts = resource.Split('/');
        if (parts is ["invocation", var id, "response" or "error"] && HttpMethods.IsPost(method))
        {
            var requestId = Uri.UnescapeDataString(id);
            if (!_inFlight.TryRemove(requestId, out var pending))
            {
                context.Response.StatusCode = StatusCodes.Status400BadRequest;
                await context.Response.WriteAsync("""{"errorMessage":"unknown or finished request id","errorType":"InvalidRequestID"}""").ConfigureAwait(false);
                return;
            }
            var body = await BodyAsync(context).ConfigureAwait(false);
            pending.Outcome.TrySetResult(parts[2] == "error" ? new RuntimeOutcome(body, ErrorType(context) ?? "Unhandled") : new RuntimeOutcome(body, null));
            await AcceptedAsync(context).ConfigureAwait(false);
            return;
        }
        context.Response.StatusCode = StatusCodes.Status404NotFound;
    }

    private async Task NextAsync(HttpContext context)
    {
        FirstNext.TrySetResult();
        PendingInvocation pending;
        try
        {
            pending = await _queue.Reader.ReadAsync(context.RequestAborted).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is OperationCanceledException or ChannelClosedException)
        {
            return;
        }
        var headers = context.Response.Headers;
        headers["Lambda-Runtime-Aws-Request-Id"] = pending.RequestId;
        headers["Lambda-Runtime-Deadline-Ms"] = pending.Deadline.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture);
        headers["Lambda-Runtime-Invoked-Function-Arn"] = _functionArn;
        headers["Lambda-Runtime-Trace-Id"] = pending.TraceId;
        context.Response.ContentType = "application/json";
        context.Response.StatusCode = StatusCodes.Status200OK;
        await context.Response.Body.WriteAsync(pending.Payload).ConfigureAwait(false);
    }

    private static string? ErrorType(HttpContext context) =>
        context.Request.Headers.TryGetValue("Lambda-Runtime-Function-Error-Type", out var value) ? value.ToString() : null;

    private static async Task<byte[]> BodyAsync(HttpContext context)
    {
        using var buffer = new MemoryStream();
        await context.Request.Body.CopyToAsync(buffer, context.RequestAborted).ConfigureAwait(false);
        return buffer.ToArray();
    }

    private static Task AcceptedAsync(HttpContext context)
    {
        context.Response.StatusCode = StatusCodes.Status202Accepted;
        context.Response.ContentType = "application/json";
        return context.Response.WriteAsync("""{"status":"OK"}""");
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    private sealed record PendingInvocation(string RequestId, ReadOnlyMemory<byte> Payload, DateTimeOffset Deadline, string TraceId)
    {
        public TaskCompletionSource<RuntimeOutcome> Outcome { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
