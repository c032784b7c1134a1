namespace Enrollment.Bootstrap.Runtime;

/// <summary>
/// The four calls a custom runtime makes to Lambda's Runtime API (version 2018-06-01, as the AWS Lambda developer
/// guide documents it under "Using the Lambda runtime API for custom runtimes"). Kept this small so that
/// Amazon.Lambda.RuntimeSupport's client can stand in for <see cref="LambdaRuntimeApiClient"/> once it can be restored.
/// </summary>
public interface ILambdaRuntimeApi
{
    /// <summary>GET /runtime/invocation/next: blocks until Lambda has an event (no timeout: the process may be frozen).</summary>
    Task<LambdaInvocation> NextInvocationAsync(CancellationToken cancellationToken);

    /// <summary>POST /runtime/invocation/{AwsRequestId}/response with the function's answer.</summary>
    Task SendResponseAsync(string requestId, ReadOnlyMemory<byte> response, CancellationToken cancellationToken);

    /// <summary>POST /runtime/invocation/{AwsRequestId}/error: the function failed for this event.</summary>
    Task ReportInvocationErrorAsync(string requestId, LambdaError error, CancellationToken cancellationToken);

    /// <summary>POST /runtime/init/error: the function cannot start; the runtime exits after this.</summary>
    Task ReportInitErrorAsync(LambdaError error, CancellationToken cancellationToken);
}
