namespace Enrollment.Infrastructure.Cognito;

/// <summary>
/// When a failed attempt may be repeated, and how long to wait first. A request that never left may always be
/// repeated; one that Cognito may have acted on only if the operation is <see cref="CognitoOperation.SafeToRepeat"/>,
/// and then only for failures that are transient on Cognito's side.
/// </summary>
internal static class CognitoRetryRules
{
    public static bool IsRetryable(CognitoOperation operation, Exception failure) => failure switch
    {
        CognitoTransportException { Failure: CognitoTransportFailure.NotSent } => true,
        CognitoTransportException { Failure: CognitoTransportFailure.Timeout or CognitoTransportFailure.ConnectionLost } => operation.SafeToRepeat,
        CognitoServiceException service => operation.SafeToRepeat && IsTransient(service),
        _ => false,
    };

    /// <summary>Full jitter: uniform in [0, min(max, base * 2^retry)], so throttled callers spread out.</summary>
    public static TimeSpan Backoff(CognitoClientOptions options, int retry)
    {
        var ceiling = Math.Min(options.RetryMaxDelay.TotalMilliseconds, options.RetryBaseDelay.TotalMilliseconds * Math.Pow(2, retry));
        var jitter = Math.Clamp(options.Jitter(), 0, 1);
        return TimeSpan.FromMilliseconds(ceiling * jitter);
    }

    private static bool IsTransient(CognitoServiceException failure) =>
        failure.StatusCode >= 500 || failure.ErrorType is "TooManyRequestsException" or "InternalErrorException" or "ThrottlingException";
}
