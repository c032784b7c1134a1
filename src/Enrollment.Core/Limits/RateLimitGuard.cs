using Enrollment.Core.Errors;

namespace Enrollment.Core.Limits;

/// <summary>"Take one unit or answer 429": the one way a route spends a limit (one conditional write, no read first).</summary>
public static class RateLimitGuard
{
    /// <summary>
    /// Takes one unit of <paramref name="counter"/>; when the window is used up, throws RATE_LIMITED with the reason,
    /// the message and the seconds until the window resets (the Retry-After the app sees).
    /// </summary>
    public static async Task AcquireOrRefuseAsync(this IRateLimiter limiter, RateLimitCounter counter, int limit, string reason, string message,
        TimeProvider time, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(limiter);
        if (!(await limiter.TryAcquireAsync(counter, limit, cancellationToken)).Allowed)
            throw new EnrollmentException(ErrorCode.RateLimited, message, reason, counter.SecondsUntilReset(time.GetUtcNow()));
    }
}
