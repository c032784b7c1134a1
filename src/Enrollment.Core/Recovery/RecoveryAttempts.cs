using Enrollment.Core.Limits;
using Enrollment.Core.Policy;

namespace Enrollment.Core.Recovery;

/// <summary>
/// The one place for the limits on recovery codes (docs/threat-model.md, section 10). One failure counter per user
/// (by sub) per tenant and hour, shared by both recovery paths, and a counter per source for the route:
/// <list type="bullet">
/// <item>The RECOVERY_CODE sign-in (password already proven by Cognito) spends the user's counter:
/// <see cref="TryReserveFailureAsync"/> before checking a code, <see cref="ReleaseFailureAsync"/> when it was right.</item>
/// <item>The route (no token, nothing proven) is limited per source (<see cref="TryAcquireSourceAsync"/>: an IPv4
/// address or an IPv6 /64) and only reads the user's counter (<see cref="IsUserExhaustedAsync"/>). Letting it spend the
/// counter would let anyone who knows a username lock that user out of recovery; reading it means guesses at the
/// sign-in stop guesses at the route too.</item>
/// </list>
/// Both are capped at the tenant's <c>recovery.maxAttemptsPerHour</c>.
/// </summary>
public sealed class RecoveryAttempts(IRateLimiter limiter, TimeProvider time)
{
    /// <summary>The sub a route attempt is keyed on when there is no user to try: no partition of a real sub (a UUID) matches it.</summary>
    public const string NoUser = "-";

    /// <summary>The shared per-user counter's action (its key: tenant, user sub, hour, this).</summary>
    public const string UserFailureAction = "RECOVERY_FAILURE";

    /// <summary>The route's per-source counter's action.</summary>
    public const string SourceAction = "RECOVERY";

    public RateLimitCounter UserCounter(string tenantId, string userSub) => ForUser(tenantId, userSub, time.GetUtcNow());

    /// <summary>The shared per-user counter of the hour that contains <paramref name="now"/> (the sign-in path spends it).</summary>
    public static RateLimitCounter ForUser(string tenantId, string userSub, DateTimeOffset now) =>
        RateLimitCounter.Hourly(tenantId, RateLimitSubject.User(userSub), UserFailureAction, now);

    /// <summary>Takes one failure of the user's hour before a code is checked; null when none is left.</summary>
    public async Task<RateLimitCounter?> TryReserveFailureAsync(CompiledTenantPolicy policy, string userSub, CancellationToken cancellationToken)
    {
        var counter = UserCounter(policy.TenantId, userSub);
        return (await limiter.TryAcquireAsync(counter, policy.Policy.Recovery.MaxAttemptsPerHour, cancellationToken)).Allowed ? counter : null;
    }

    /// <summary>A right code gives its reserved failure back.</summary>
    public Task ReleaseFailureAsync(RateLimitCounter reserved, CancellationToken cancellationToken) => limiter.ReleaseAsync(reserved, cancellationToken);

    /// <summary>Whether the user's failures of this hour are used up (a read; the route never spends them).</summary>
    public async Task<bool> IsUserExhaustedAsync(CompiledTenantPolicy policy, string userSub, CancellationToken cancellationToken) =>
        await limiter.CountAsync(UserCounter(policy.TenantId, userSub), cancellationToken) >= policy.Policy.Recovery.MaxAttemptsPerHour;

    /// <summary>One attempt of the route from this source (IPv4 address, IPv6 /64); false when the hour's are used up.</summary>
    public async Task<bool> TryAcquireSourceAsync(CompiledTenantPolicy policy, string? sourceIp, CancellationToken cancellationToken) =>
        (await limiter.TryAcquireAsync(SourceCounter(policy.TenantId, sourceIp), policy.Policy.Recovery.MaxAttemptsPerHour, cancellationToken)).Allowed;

    public RateLimitCounter SourceCounter(string tenantId, string? sourceIp) =>
        RateLimitCounter.Hourly(tenantId, RateLimitSubjects.ForSource(sourceIp), SourceAction, time.GetUtcNow());

    public int SecondsUntilReset() => UserCounter("-", NoUser).SecondsUntilReset(time.GetUtcNow());
}
