using System.Net;
using System.Text;

namespace Enrollment.Infrastructure.Tests.Fakes;

/// <summary>One request as the client sent it.</summary>
public sealed record RecordedRequest(HttpMethod Method, Uri? Uri, string? ContentType, IReadOnlyDictionary<string, string> Headers, string Body)
{
    public string? Target => Headers.GetValueOrDefault("X-Amz-Target");
    public string? Authorization => Headers.GetValueOrDefault("Authorization");
}

/// <summary>
/// An HttpMessageHandler that records requests and answers from a script; the attempt number (0-based) lets a
/// script fail first and succeed later. No network, no sleeps.
/// </summary>
public sealed class StubHttpHandler(Func<int, HttpRequestMessage, CancellationToken, Task<HttpResponseMessage>> respond) : HttpMessageHandler
{
    private readonly List<RecordedRequest> _requests = [];

    public IReadOnlyList<RecordedRequest> Requests { get { lock (_requests) return [.. _requests]; } }

    public int Attempts => Requests.Count;

    public static StubHttpHandler Always(Func<HttpResponseMessage> response) => new((_, _, _) => Task.FromResult(response()));

    public static StubHttpHandler Throws(Func<Exception> failure) => new((_, _, _) => Task.FromException<HttpResponseMessage>(failure()));

    /// <summary>Never answers: only the attempt timeout or the caller's token ends the wait.</summary>
    public static StubHttpHandler Hangs() => new(async (_, _, token) =>
    {
        await Task.Delay(Timeout.Infinite, token);
        throw new InvalidOperationException("unreachable");
    });

    public static HttpResponseMessage Json(HttpStatusCode status, string json, params (string Name, string Value)[] headers)
    {
        var response = new HttpResponseMessage(status) { Content = new StringContent(json, Encoding.UTF8, "application/x-amz-json-1.1") };
        foreach (var (name, value) in headers) response.Headers.TryAddWithoutValidation(name, value);
        return response;
    }

    public static HttpResponseMessage Ok(string json = "{}") => Json(HttpStatusCode.OK, json);

    /// <summary>
    /// moto 5.2.1's answer to an operation it does not implement, as measured (AdminDeleteSoftwareToken): Werkzeug's
    /// generic page, <c>500</c>, <c>text/html; charset=utf-8</c>, no error type, no request id.
    /// </summary>
    public static HttpResponseMessage MotoNotImplemented() => new(HttpStatusCode.InternalServerError)
    {
        Content = new StringContent(
            "<!doctype html>\n<html lang=en>\n<title>500 Internal Server Error</title>\n<h1>Internal Server Error</h1>\n<p>The server encountered an internal error and was unable to complete your request. Either the server is overloaded or there is an error in the application.</p>\n",
            Encoding.UTF8, "text/html"),
    };

    /// <summary>A Cognito error as AWS sends it: status, __type and a message (which the client must never surface).</summary>
    public static HttpResponseMessage Error(string type, int status = 400, string message = "service message") =>
        Json((HttpStatusCode)status, $$"""{"__type":"{{type}}","message":"{{message}}"}""");

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var body = request.Content is null ? string.Empty : await request.Content.ReadAsStringAsync(cancellationToken);
        var headers = request.Headers.ToDictionary(h => h.Key, h => string.Join(",", h.Value), StringComparer.OrdinalIgnoreCase);
        string? contentType = null;
        if (request.Content is not null && request.Content.Headers.TryGetValues("Content-Type", out var values)) contentType = string.Join(",", values);
        int attempt;
        lock (_requests)
        {
            attempt = _requests.Count;
            _requests.Add(new RecordedRequest(request.Method, request.RequestUri, contentType, headers, body));
        }
        return await respond(attempt, request, cancellationToken);
    }
}
