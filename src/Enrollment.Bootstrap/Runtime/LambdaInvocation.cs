namespace Enrollment.Bootstrap.Runtime;

/// <summary>
/// One event from GET /runtime/invocation/next: the body and the headers Lambda documents for it
/// (Lambda-Runtime-Aws-Request-Id, -Deadline-Ms, -Invoked-Function-Arn, -Trace-Id).
/// </summary>
public sealed record LambdaInvocation(
    string RequestId,
    ReadOnlyMemory<byte> Payload,
    DateTimeOffset? Deadline,
    string? InvokedFunctionArn,
    string? TraceId);
