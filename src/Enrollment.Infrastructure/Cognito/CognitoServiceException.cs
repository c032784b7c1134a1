namespace Enrollment.Infrastructure.Cognito;

/// <summary>
/// Cognito answered with an error. Only the error type name, the operation and the status are kept: the
/// service's message can echo user input (moto puts the device name in it, AWS sometimes the username), so it
/// is dropped and can never reach a log or a client.
/// </summary>
public sealed class CognitoServiceException : Exception
{
    public CognitoServiceException(string operation, string errorType, int statusCode, string? requestId = null)
        : base($"Cognito {operation} failed with {errorType} (HTTP {statusCode}).")
    {
        Operation = operation;
        ErrorType = errorType;
        StatusCode = statusCode;
        RequestId = requestId;
    }

    /// <summary>The API operation, e.g. VerifySoftwareToken.</summary>
    public string Operation { get; }

    /// <summary>The bare error name, e.g. CodeMismatchException (namespace prefix and suffix removed).</summary>
    public string ErrorType { get; }

    public int StatusCode { get; }

    /// <summary>x-amzn-RequestId, for AWS support cases; not sensitive.</summary>
    public string? RequestId { get; }
}
