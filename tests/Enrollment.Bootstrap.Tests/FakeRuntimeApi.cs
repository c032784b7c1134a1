using Enrollment.Bootstrap.Runtime;

namespace Enrollment.Bootstrap.Tests;

/// <summary>Hands out the queued events, records what the loop posts, and stops the loop when the queue is empty.</summary>
public sealed class FakeRuntimeApi(params LambdaInvocation[] events) : ILambdaRuntimeApi
{
    private readonly Queue<LambdaInvocation> _events = new(events);

    public CancellationTokenSource Stop { get; } = new();

    public Dictionary<string, string> Responses { get; } = [];

    public Dictionary<string, LambdaError> Errors { get; } = [];

    public List<LambdaError> InitErrors { get; } = [];

    public Task<LambdaInvocation> NextInvocationAsync(CancellationToken cancellationToken)
    {
        if (_events.Count > 0) return Task.FromResult(_events.Dequeue());
        Stop.Cancel();
        throw new OperationCanceledException(Stop.Token);
    }

    public Task SendResponseAsync(string requestId, ReadOnlyMemory<byte> response, CancellationToken cancellationToken)
    {
        Responses[requestId] = System.Text.Encoding.UTF8.GetString(response.Span);
        return Task.CompletedTask;
    }

    public Task ReportInvocationErrorAsync(string requestId, LambdaError error, CancellationToken cancellationToken)
    {
        Errors[requestId] = error;
        return Task.CompletedTask;
    }

    public Task ReportInitErrorAsync(LambdaError error, CancellationToken cancellationToken)
    {
        InitErrors.Add(error);
        return Task.CompletedTask;
    }

    public static LambdaInvocation Event(string requestId, string json, string? traceId = null) =>
        new(requestId, System.Text.Encoding.UTF8.GetBytes(json), DateTimeOffset.UtcNow.AddSeconds(10), "arn:aws:lambda:eu-west-1:123456789012:function:f", traceId);
}
