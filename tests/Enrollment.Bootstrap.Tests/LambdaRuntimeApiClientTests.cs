using System.Net;
using System.Text.Json;
using Enrollment.Bootstrap.Runtime;

namespace Enrollment.Bootstrap.Tests;

/// <summary>
/// The client against the wire format the AWS Lambda developer guide documents for the runtime API (2018-06-01):
/// paths, methods, headers, the error document and its error type header.
/// </summary>
public sealed class LambdaRuntimeApiClientTests
{
    private static LambdaRuntimeApiClient Client(RecordingHandler handler) => new(handler, "127.0.0.1:9001");

    [Fact]
    public async Task Next_invocation_reads_the_event_and_the_documented_headers()
    {
        var handler = new RecordingHandler().Answer(HttpStatusCode.OK, """{"a":1}""",
            ("Lambda-Runtime-Aws-Request-Id", "8476a536-e9f4-11e8-9739-2dfe598c3fcd"),
            ("Lambda-Runtime-Deadline-Ms", "1542409706888"),
            ("Lambda-Runtime-Invoked-Function-Arn", "arn:aws:lambda:us-east-2:123456789012:function:custom-runtime"),
            ("Lambda-Runtime-Trace-Id", "Root=1-5bef4de7-ad49b0e87f6ef6c87fc2e700;Parent=9a9197af755a6419;Sampled=1"));
        using var client = Client(handler);

        var invocation = await client.NextInvocationAsync(TestContext.Current.CancellationToken);

        var (request, _) = Assert.Single(handler.Requests);
        Assert.Equal(HttpMethod.Get, request.Method);
        Assert.Equal("http://127.0.0.1:9001/2018-06-01/runtime/invocation/next", request.RequestUri!.ToString());
        Assert.Equal("8476a536-e9f4-11e8-9739-2dfe598c3fcd", invocation.RequestId);
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1542409706888), invocation.Deadline);
        Assert.Equal("arn:aws:lambda:us-east-2:123456789012:function:custom-runtime", invocation.InvokedFunctionArn);
        Assert.Equal("Root=1-5bef4de7-ad49b0e87f6ef6c87fc2e700;Parent=9a9197af755a6419;Sampled=1", invocation.TraceId);
        Assert.Equal("""{"a":1}""", System.Text.Encoding.UTF8.GetString(invocation.Payload.Span));
    }

    [Fact]
    public async Task A_next_answer_without_a_request_id_is_refused()
    {
        using var client = Client(new RecordingHandler().Answer(HttpStatusCode.OK, "{}"));
        await Assert.ThrowsAsync<LambdaRuntimeApiException>(() => client.NextInvocationAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task The_response_is_posted_to_the_request_ids_response_path()
    {
        var handler = new RecordingHandler().Answer(HttpStatusCode.Accepted);
        using var client = Client(handler);

        await client.SendResponseAsync("req-1", """{"statusCode":200}"""u8.ToArray(), TestContext.Current.CancellationToken);

        var (request, body) = Assert.Single(handler.Requests);
        Assert.Equal(HttpMethod.Post, request.Method);
        Assert.Equal("http://127.0.0.1:9001/2018-06-01/runtime/invocation/req-1/response", request.RequestUri!.ToString());
        Assert.Equal("""{"statusCode":200}""", body);
    }

    [Fact]
    public async Task An_invocation_error_carries_the_error_type_header_and_the_documented_json_body()
    {
        var handler = new RecordingHandler().Answer(HttpStatusCode.Accepted);
        using var client = Client(handler);

        await client.ReportInvocationErrorAsync("req-2", new LambdaError("Error parsing event data.", "InvalidEventDataException", ["at A", "at B"]), TestContext.Current.CancellationToken);

        var (request, body) = Assert.Single(handler.Requests);
        Assert.Equal("http://127.0.0.1:9001/2018-06-01/runtime/invocation/req-2/error", request.RequestUri!.ToString());
        Assert.Equal("InvalidEventDataException", Assert.Single(request.Headers.GetValues("Lambda-Runtime-Function-Error-Type")));
        using var document = JsonDocument.Parse(body);
        Assert.Equal("Error parsing event data.", document.RootElement.GetProperty("errorMessage").GetString());
        Assert.Equal("InvalidEventDataException", document.RootElement.GetProperty("errorType").GetString());
        Assert.Equal(["at A", "at B"], document.RootElement.GetProperty("stackTrace").EnumerateArray().Select(e => e.GetString()!));
    }

    [Fact]
    public async Task An_init_error_goes_to_the_init_error_path()
    {
        var handler = new RecordingHandler().Answer(HttpStatusCode.Accepted);
        using var client = Client(handler);

        await client.ReportInitErrorAsync(new LambdaError("no such function", LambdaError.NoSuchHandler, []), TestContext.Current.CancellationToken);

        var (request, body) = Assert.Single(handler.Requests);
        Assert.Equal("http://127.0.0.1:9001/2018-06-01/runtime/init/error", request.RequestUri!.ToString());
        Assert.Equal("Runtime.NoSuchHandler", Assert.Single(request.Headers.GetValues("Lambda-Runtime-Function-Error-Type")));
        Assert.Contains("\"errorType\":\"Runtime.NoSuchHandler\"", body);
    }

    [Fact]
    public async Task A_refused_post_is_an_exception_with_the_status()
    {
        using var client = Client(new RecordingHandler().Answer(HttpStatusCode.RequestEntityTooLarge, "too big"));
        var ex = await Assert.ThrowsAsync<LambdaRuntimeApiException>(() => client.SendResponseAsync("r", new byte[10], TestContext.Current.CancellationToken));
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, ex.Status);
    }
}
