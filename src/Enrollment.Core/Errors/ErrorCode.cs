namespace Enrollment.Core.Errors;

/// <summary>The one error vocabulary of the public contract (api.md). HTTP statuses are mapped in Functions.</summary>
public enum ErrorCode
{
    ValidationError,
    CodeMismatch,
    Unauthorized,
    PolicyDenied,
    NotFound,
    Conflict,
    RateLimited,
    UpstreamError,
    ServiceUnavailable,
    InternalError,
}
