using Amazon.Runtime;
using Amazon.Runtime.Internal;

namespace Enrollment.Infrastructure.DynamoDb;

/// <summary>
/// The SDK's standard retry policy (throttling, 5xx, broken connections), except for an attempt that timed out:
/// a service that accepted the connection and did not answer within the attempt timeout is hung, not busy, and a
/// second attempt only multiplies the wait (measured against a listener that never answers: 1 s attempts took
/// 4.7 to 7.9 s with the SDK's retries and backoff). So a hang fails after one attempt, within
/// <c>UPSTREAM_TIMEOUT_MS</c>, and the store answers SERVICE_UNAVAILABLE long before the request budget.
/// </summary>
internal sealed class HangBoundedRetryPolicy(IClientConfig config) : StandardRetryPolicy(config)
{
    public override bool RetryForException(IExecutionContext executionContext, Exception exception) =>
        !IsAttemptTimeout(exception) && base.RetryForException(executionContext, exception);

    public override Task<bool> RetryForExceptionAsync(IExecutionContext executionContext, Exception exception) =>
        IsAttemptTimeout(exception) ? Task.FromResult(false) : base.RetryForExceptionAsync(executionContext, exception);

    /// <summary>
    /// The SDK reports its own per-attempt timeout (ClientConfig.Timeout) as a TimeoutException, at a depth that
    /// depends on where the attempt was when it expired (sending, or waiting for the answer): look through the chain.
    /// </summary>
    internal static bool IsAttemptTimeout(Exception exception)
    {
        for (Exception? current = exception; current is not null; current = current.InnerException)
            if (current is TimeoutException) return true;
        return false;
    }
}
