namespace Enrollment.Infrastructure.Cognito;

/// <summary>Why no usable answer came back from Cognito.</summary>
public enum CognitoTransportFailure
{
    /// <summary>The connection could not be made (refused, DNS, TLS): the request was certainly not sent.</summary>
    NotSent,

    /// <summary>The attempt timed out: the request may have been received and acted on.</summary>
    Timeout,

    /// <summary>The connection broke after the request went out: it may have been received.</summary>
    ConnectionLost,

    /// <summary>A success status with a body we cannot read.</summary>
    InvalidResponse,

    /// <summary>No AWS credentials for an IAM-signed operation.</summary>
    CredentialsUnavailable,
}
