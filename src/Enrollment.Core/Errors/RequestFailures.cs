namespace Enrollment.Core.Errors;

/// <summary>
/// The failures of a request as such, before or around any service: no usable access token, the function's own time
/// used up, a defect. One place for their codes and texts, like <see cref="UserPoolFailures"/> for Cognito's.
/// </summary>
public static class RequestFailures
{
    public static EnrollmentException BearerTokenMissing() => new(ErrorCode.Unauthorized, "A bearer access token is required.");

    public static EnrollmentException AccessTokenMalformed() => new(ErrorCode.Unauthorized, "The access token is malformed.");

    /// <summary>No claims means no JWT authorizer ran for this route.</summary>
    public static EnrollmentException NoVerifiedClaims() => new(ErrorCode.Unauthorized, "The request carries no verified token claims.");

    public static EnrollmentException IdTokenNotAccepted() => new(ErrorCode.Unauthorized, "An access token is required, not an ID token.");

    /// <summary>The function's budget ran out; every write before it was conditional or idempotent.</summary>
    public static EnrollmentException TookTooLong() =>
        new(ErrorCode.UpstreamError, "The request took too long; nothing was changed that cannot be retried.");

    /// <summary>A defect: the text never quotes the exception (a library message can quote input).</summary>
    public static EnrollmentException Internal() =>
        new(ErrorCode.InternalError, "An internal error occurred; quote the request id when reporting it.");
}
