namespace Enrollment.Core.Errors;

/// <summary>The wire names of <see cref="ErrorCode"/> (no reflection: a switch the compiler checks).</summary>
public static class ErrorCodeNames
{
    public static string Of(ErrorCode code) => code switch
    {
        ErrorCode.ValidationError => "VALIDATION_ERROR",
        ErrorCode.CodeMismatch => "CODE_MISMATCH",
        ErrorCode.Unauthorized => "UNAUTHORIZED",
        ErrorCode.PolicyDenied => "POLICY_DENIED",
        ErrorCode.NotFound => "NOT_FOUND",
        ErrorCode.Conflict => "CONFLICT",
        ErrorCode.RateLimited => "RATE_LIMITED",
        ErrorCode.UpstreamError => "UPSTREAM_ERROR",
        ErrorCode.ServiceUnavailable => "SERVICE_UNAVAILABLE",
        _ => "INTERNAL_ERROR",
    };
}
