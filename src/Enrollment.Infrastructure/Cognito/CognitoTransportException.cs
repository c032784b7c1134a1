namespace Enrollment.Infrastructure.Cognito;

/// <summary>
/// Cognito could not be asked or did not answer usably. The message is ours; the inner exception (socket or
/// HTTP errors) names hosts and ports at most, never request content.
/// </summary>
public sealed class CognitoTransportException : Exception
{
    public CognitoTransportException(string operation, CognitoTransportFailure failure, Exception? innerException = null)
        : base($"Cognito {operation} failed: {Describe(failure)}.", innerException)
    {
        Operation = operation;
        Failure = failure;
    }

    public string Operation { get; }

    public CognitoTransportFailure Failure { get; }

    /// <summary>False only when the request certainly never left this process, so any operation may be retried.</summary>
    public bool RequestMayHaveBeenReceived => Failure is CognitoTransportFailure.Timeout or CognitoTransportFailure.ConnectionLost or CognitoTransportFailure.InvalidResponse;

    private static string Describe(CognitoTransportFailure failure) => failure switch
    {
        CognitoTransportFailure.NotSent => "the endpoint could not be reached",
        CognitoTransportFailure.Timeout => "the attempt timed out",
        CognitoTransportFailure.ConnectionLost => "the connection broke before an answer",
        CognitoTransportFailure.InvalidResponse => "the answer could not be read",
        CognitoTransportFailure.CredentialsUnavailable => "no AWS credentials could be resolved",
        _ => "unknown transport failure",
    };
}
