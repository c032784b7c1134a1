using Enrollment.Core.Errors;

namespace Enrollment.Functions.Http;

/// <summary>The one place the error vocabulary meets HTTP (api.md table).</summary>
public static class ErrorStatus
{
    public static int Of(ErrorCode code) => code switch
    {
        ErrorCode.ValidationError => 400,
        ErrorCode.CodeMismatch => 400,
        ErrorCode.Unauthorized => 401,
        ErrorCode.PolicyDenied => 403,
        ErrorCode.NotFound => 404,
        ErrorCode.Conflict => 409,
        ErrorCode.RateLimited => 429,
        ErrorCode.UpstreamError => 502,
        ErrorCode.ServiceUnavailable => 503,
        _ => 500,
    };
}
