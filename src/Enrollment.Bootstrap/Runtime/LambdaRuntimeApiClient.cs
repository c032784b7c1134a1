using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;

namespace Enrollment.Bootstrap.Runtime;

/// <summary>
/// <see cref="ILambdaRuntimeApi"/> over HTTP at <c>http://${AWS_LAMBDA_RUNTIME_API}/2018-06-01/</c>. One connection,
/// reused; the next-invocation call has no timeout, as the runtime API asks (the process may be frozen between events).
/// </summary>
public sealed class LambdaRuntimeApiClient : ILambdaRuntimeApi, IDisposable
{
    public const string EndpointVariable = "AWS_LAMBDA_RUNTIME_API";
    public const string RequestIdHeader = "Lambda-Runtime-Aws-Request-Id";
    public const string DeadlineHeader = "Lambda-Runtime-Deadline-Ms";
    public const string FunctionArnHeader = "Lambda-Runtime-Invoked-Function-Arn";
    public const string TraceIdHeader = "Lambda-Runtime-Trace-Id";
    public const string ErrorTypeHeader = "Lambda-Runtime-Function-Error-Type";

    private static readonly MediaTypeHeaderValue Json = new("application/json");
    private readonly HttpClient _http;

    public LambdaRuntimeApiClient(HttpMessageHandler handler, string hostAndPort)
    {
        _http = new HttpClient(handler, disposeHandler: true)
        {
            BaseAddress = new Uri($"http://{hostAndPort}/2018-06-01/"),
            Timeout = Timeout.InfiniteTimeSpan,
        };
    }

    /// <summary>The client for this process: AWS_LAMBDA_RUNTIME_API is host:port, set by Lambda (or the local emulator).</summary>
    public static LambdaRuntimeApiClient FromEnvironment()
    {
        var endpoint = Environment.GetEnvironmentVariable(EndpointVariable);
        if (string.IsNullOrWhiteSpace(endpoint))
            throw new InvalidOperationException($"{EndpointVariable} is not set: bootstrap runs inside Lambda or under the local runner's runtime API.");
        // No proxy: the endpoint is always local to the execution environment.
        return new LambdaRuntimeApiClient(new SocketsHttpHandler { UseProxy = false, AutomaticDecompression = DecompressionMethods.None }, endpoint);
    }

    public async Task<LambdaInvocation> NextInvocationAsync(CancellationToken cancellationToken)
    {
        using var response = await _http.GetAsync("runtime/invocation/next", HttpCompletionOption.ResponseContentRead, cancellationToken).ConfigureAwait(false);
        await EnsureAcceptedAsync(response, "next invocation", cancellationToken).ConfigureAwait(false);
        var requestId = Header(response, RequestIdHeader)
            ?? throw new LambdaRuntimeApiException($"next invocation answered without {RequestIdHeader}.");
        var payload = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
        var deadline = long.TryParse(Header(response, DeadlineHeader), NumberStyles.None, CultureInfo.InvariantCulture, out var ms)
            ? DateTimeOffset.FromUnixTimeMilliseconds(ms)
            : (DateTimeOffset?)null;
        return new LambdaInvocation(requestId, payload, deadline, Header(response, FunctionArnHeader), Header(response, TraceIdHeader));
    }

    public async Task SendResponseAsync(string requestId, ReadOnlyMemory<byte> response, CancellationToken cancellationToken)
    {
        using var content = new ReadOnlyMemoryContent(response);
        content.Headers.ContentType = Json;
        using var answer = await _http.PostAsync($"runtime/invocation/{Uri.EscapeDataString(requestId)}/response", content, cancellationToken).ConfigureAwait(false);
        await EnsureAcceptedAsync(answer, "response", cancellationToken).ConfigureAwait(false);
    }

    public Task ReportInvocationErrorAsync(string requestId, LambdaError error, CancellationToken cancellationToken) =>
        PostErrorAsync($"runtime/invocation/{Uri.EscapeDataString(requestId)}/error", error, cancellationToken);

    public Task ReportInitErrorAsync(LambdaError error, CancellationToken cancellationToken) =>
        PostErrorAsync("runtime/init/error", error, cancellationToken);

    public void Dispose() => _http.Dispose();

    private async Task PostErrorAsync(string path, LambdaError error, CancellationToken cancellationToken)
    {
        using var content = new ByteArrayContent(JsonSerializer.SerializeToUtf8Bytes(error, RuntimeJsonContext.Default.LambdaError));
        content.Headers.ContentType = Json;
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = content };
        request.Headers.TryAddWithoutValidation(ErrorTypeHeader, error.ErrorType);
        using var answer = await _http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        await EnsureAcceptedAsync(answer, "error report", cancellationToken).ConfigureAwait(false);
    }

    private static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? values.FirstOrDefault() : null;

    /// <summary>
    /// 200 for next, 202 for the posts. Anything else (400 bad request id, 403, 413 payload too large, 500 container
    /// error) is reported with the status; the caller decides whether the runtime can go on.
    /// </summary>
    private static async Task EnsureAcceptedAsync(HttpResponseMessage response, string call, CancellationToken cancellationToken)
    {
        if (response.IsSuccessStatusCode) return;
        var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        throw new LambdaRuntimeApiException(
            $"runtime API {call}: {(int)response.StatusCode} {response.ReasonPhrase}{(body.Length == 0 ? "" : ": " + body[..Math.Min(body.Length, 200)])}",
            response.StatusCode);
    }
}
