namespace Enrollment.Core.Limits;

/// <summary>
/// Fixed-window counters that are atomic under concurrency (one conditional write each), so N parallel
/// callers under a limit of L get exactly L acquisitions.
/// </summary>
public interface IRateLimiter
{
    /// <summary>Takes one unit of the window if fewer than <paramref name="limit"/> are taken.</summary>
    Task<RateLimitDecision> TryAcquireAsync(RateLimitCounter counter, int limit, CancellationToken cancellationToken);

    /// <summary>Gives one unit back (e.g. a verify that turned out right does not count as a failure).</summary>
    Task ReleaseAsync(RateLimitCounter counter, CancellationToken cancellationToken);

    /// <summary>How many units of the window are taken (0 when none): a read that spends nothing.</summary>
    Task<int> CountAsync(RateLimitCounter counter, CancellationToken cancellationToken);
}

/// <summary>One counter: what is counted (<paramref name="Action"/>), for whom, in which window.</summary>
public sealed record RateLimitCounter(string TenantId, RateLimitSubject Subject, string Action, DateTimeOffset WindowStart, TimeSpan Window)
{
    public DateTimeOffset WindowEnd => WindowStart + Window;

    /// <summary>The hour-long window that contains <paramref name="now"/>.</summary>
    public static RateLimitCounter Hourly(string tenantId, RateLimitSubject subject, string action, DateTimeOffset now)
    {
        var start = new DateTimeOffset(now.UtcDateTime.Year, now.UtcDateTime.Month, now.UtcDateTime.Day, now.UtcDateTime.Hour, 0, 0, TimeSpan.Zero);
        return new(tenantId, subject, action, start, TimeSpan.FromHours(1));
    }

    public int SecondsUntilReset(DateTimeOffset now) => Math.Max(1, (int)Math.Ceiling((WindowEnd - now).TotalSeconds));
}

public readonly record struct RateLimitDecision(bool Allowed);
