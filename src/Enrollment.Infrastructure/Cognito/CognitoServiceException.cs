namespace Enrollment.Infrastructure.Cognito;

/// <summary>
/// Cognito answered with an error. Only the error type name, the operation and the status are kept: the
/// service's message can echo user input (moto puts the device name in it, AWS sometimes the username), so it
/// is dropped and can never reach a log or a client.
/// </summary>
public sealed class CognitoServiceException : Exception
{
    public CognitoServiceException(string operation, string errorType, int statusCode, string? requestId = null, string? mediaType = null)
        : base($"Cognito {operation} failed with {errorType} (HTTP {statusCode}).")
    {
        Operation = operation;
        ErrorType = errorType;
        StatusCode = statusCode;
        RequestId = requestId;
        MediaType = mediaType;
    }

    /// <summary>The API operation, e.g. VerifySoftwareToken.</summary>
    public string Operation { get; }

    /// <summary>The bare error name, e.g. CodeMismatchException (namespace prefix and suffix removed).</summary>
    public string ErrorType { get; }

    public int StatusCode { get; }

    /// <summary>x-amzn-RequestId, for AWS support cases; not sensitive.</summary>
    public string? RequestId { get; }

    /// <summary>The answer's media type (e.g. <c>application/x-amz-json-1.1</c>, or <c>text/html</c> from a proxy or emulator).</summary>
    public string? MediaType { get; }

    /// <summary>No error type at all: not a modeled Cognito error (a proxy's page, an emulator's crash, a bare status).</summary>
    public bool IsUntyped => ErrorType == CognitoErrorReader.UnknownError;
}
