using Enrollment.Core.Errors;
using Enrollment.Core.Limits;
using Enrollment.Core.UserPool;

namespace Enrollment.Core.SelfService;

/// <summary>
/// The one way a route checks a code at Cognito against the tenant's hourly failure limit: a failure is reserved
/// before asking, so parallel guesses cannot pass the limit; a right code gives it back, and so does a failure that
/// is not a wrong code (Cognito down, a rule refusing first). An answer with Status ERROR is a wrong code: the
/// reservation stays spent and nothing after the check runs.
/// </summary>
internal static class CountedVerification
{
    public static async Task<TotpVerification> VerifyAsync(IRateLimiter limiter, RateLimitCounter failures, int limit, string limitMessage,
        TimeProvider time, Func<Task<TotpVerification>> verify, CancellationToken cancellationToken)
    {
        await limiter.AcquireOrRefuseAsync(failures, limit, ErrorReasons.VerificationFailureLimit, limitMessage, time, cancellationToken);

        TotpVerification verification;
        try
        {
            verification = await verify();
        }
        catch (EnrollmentException ex) when (ex.Code != ErrorCode.CodeMismatch)
        {
            await limiter.ReleaseAsync(failures, cancellationToken);
            throw;
        }
        if (!verification.Success)
            throw new EnrollmentException(ErrorCode.CodeMismatch, "The code is wrong or expired.");

        await limiter.ReleaseAsync(failures, cancellationToken);
        return verification;
    }
}
