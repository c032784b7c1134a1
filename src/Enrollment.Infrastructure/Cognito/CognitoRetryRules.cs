namespace Enrollment.Infrastructure.Cognito;

/// <summary>
/// When a failed attempt may be repeated, and how long to wait first. A request that never left may always be
/// repeated; one that Cognito may have acted on only if the operation is <see cref="CognitoOperation.SafeToRepeat"/>,
/// and then only for failures that are transient on Cognito's side.
/// </summary>
internal static class CognitoRetryRules
{
    /// <summary>
    /// Throttling as botocore classifies it: the error codes of its standard retry mode
    /// (<c>botocore/retries/standard.py</c>, ThrottledRetryableChecker: LimitExceededException included) and a bare
    /// HTTP 429 (<c>botocore/data/_retry.json</c>, policy <c>too_many_requests</c>), whatever the body says.
    /// </summary>
    private static readonly HashSet<string> ThrottlingCodes = new(StringComparer.Ordinal)
    {
        "Throttling", "ThrottlingException", "ThrottledException", "RequestThrottledException", "TooManyRequestsException",
        "ProvisionedThroughputExceededException", "TransactionInProgressException", "RequestLimitExceeded",
        "BandwidthLimitExceeded", "LimitExceededException", "RequestThrottled", "SlowDown", "PriorRequestNotComplete",
        "EC2ThrottledException",
    };

    public static bool IsRetryable(CognitoOperation operation, Exception failure) => failure switch
    {
        CognitoTransportException { Failure: CognitoTransportFailure.NotSent } => true,
        CognitoTransportException { Failure: CognitoTransportFailure.Timeout or CognitoTransportFailure.ConnectionLost } => operation.SafeToRepeat,
        CognitoServiceException service => operation.SafeToRepeat && (IsTransient(service) || IsThrottling(service)),
        _ => false,
    };

    public static bool IsThrottling(CognitoServiceException failure) =>
        failure.StatusCode == 429 || ThrottlingCodes.Contains(failure.ErrorType);

    /// <summary>Full jitter: uniform in [0, min(max, base * 2^retry)], so throttled callers spread out.</summary>
    public static TimeSpan Backoff(CognitoClientOptions options, int retry)
    {
        var ceiling = Math.Min(options.RetryMaxDelay.TotalMilliseconds, options.RetryBaseDelay.TotalMilliseconds * Math.Pow(2, retry));
        var jitter = Math.Clamp(options.Jitter(), 0, 1);
        return TimeSpan.FromMilliseconds(ceiling * jitter);
    }

    /// <summary>botocore's transient errors: 500, 502, 503, 504 (and any other 5xx), InternalErrorException, request timeouts.</summary>
    private static bool IsTransient(CognitoServiceException failure) =>
        failure.StatusCode >= 500 || failure.ErrorType is "InternalErrorException" or "RequestTimeout" or "RequestTimeoutException";
}
