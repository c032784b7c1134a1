namespace Enrollment.Core.Errors;

/// <summary>
/// A failure the caller is told about. The message is always our own text: never a library's exception
/// message, a token, a session, a secret or a code.
/// </summary>
public sealed class EnrollmentException : Exception
{
    public EnrollmentException(ErrorCode code, string message, string? reason = null, int? retryAfterSeconds = null)
        : base(message)
    {
        Code = code;
        Reason = reason;
        RetryAfterSeconds = retryAfterSeconds;
    }

    public ErrorCode Code { get; }

    /// <summary>Machine-readable reason, e.g. a <see cref="ErrorReasons"/>.</summary>
    public string? Reason { get; }

    public int? RetryAfterSeconds { get; }

    public static EnrollmentException Denied(string reason, string message) => new(ErrorCode.PolicyDenied, message, reason);

    public static EnrollmentException Invalid(string message, string? field = null) => new(ErrorCode.ValidationError, message, field);
}
