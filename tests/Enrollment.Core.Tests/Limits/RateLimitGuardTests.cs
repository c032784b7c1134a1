using Enrollment.Core.Errors;
using Enrollment.Core.Limits;
using Enrollment.Testing;

namespace Enrollment.Core.Tests.Limits;

public sealed class RateLimitGuardTests
{
    private static readonly CancellationToken Ct = CancellationToken.None;

    [Fact]
    public async Task The_units_under_the_limit_pass_and_the_next_is_429_with_the_reason_and_the_seconds_to_the_window_end()
    {
        var clock = new TestClock(new DateTimeOffset(2026, 11, 30, 14, 59, 30, TimeSpan.Zero));
        var limiter = new FakeLimiter(new CallLog());
        var counter = RateLimitCounter.Hourly("acme", RateLimitSubject.User("sub-1"), "associate", clock.GetUtcNow());

        await limiter.AcquireOrRefuseAsync(counter, 2, ErrorReasons.AssociationLimit, "at most 2", clock, Ct);
        await limiter.AcquireOrRefuseAsync(counter, 2, ErrorReasons.AssociationLimit, "at most 2", clock, Ct);
        clock.Now = clock.Now.AddSeconds(10);
        var refused = await Assert.ThrowsAsync<EnrollmentException>(
            () => limiter.AcquireOrRefuseAsync(counter, 2, ErrorReasons.AssociationLimit, "at most 2", clock, Ct));

        Assert.Equal(ErrorCode.RateLimited, refused.Code);
        Assert.Equal(ErrorReasons.AssociationLimit, refused.Reason);
        Assert.Equal("at most 2", refused.Message);
        Assert.Equal(20, refused.RetryAfterSeconds);
        Assert.Equal(2, limiter.Count("associate"));
    }
}
