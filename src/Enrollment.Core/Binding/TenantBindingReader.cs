using System.Collections.Concurrent;
using Enrollment.Core.Errors;
using Enrollment.Core.Identity;
using Enrollment.Core.Policy;

namespace Enrollment.Core.Binding;

/// <summary>
/// The tenant a signed-in caller belongs to: the verified token's tenant_id claim (written by pre token generation
/// from the user's immutable attribute), else the attribute itself, read with the caller's own access token.
/// Never the app client id and never a request body: client ids are public, and a body is whatever the caller sends.
/// </summary>
/// <remarks>
/// The attribute read is cached in process by the token's <c>sub</c> for <see cref="CacheLifetime"/>. That cannot go
/// stale wrongly: the attribute is immutable (Mutable false), and a sub is never given to another user, so the only
/// change a cached entry can miss is the user's deletion, after which the token fails at every Cognito call anyway.
/// Only an answer Cognito gave for a token whose sub is the verified claim's is cached; nothing else per user is.
/// </remarks>
public sealed class TenantBindingReader(IUserTenantLookup? users, TimeProvider time)
{
    public static readonly TimeSpan CacheLifetime = TimeSpan.FromMinutes(5);

    /// <summary>Bounds memory on a warm function; past it the cache starts over (the next reads refill it).</summary>
    public const int MaxCachedUsers = 10_000;

    private readonly ConcurrentDictionary<string, (string Tenant, DateTimeOffset Until)> _bySub = new(StringComparer.Ordinal);

    /// <summary>The caller's tenant id. USER_NOT_IN_TENANT when neither the claim nor the user's attribute names one.</summary>
    public async Task<string> TenantOfAsync(CallerContext caller, string? accessToken, CancellationToken cancellationToken)
    {
        if (!string.IsNullOrEmpty(caller.TenantClaim))
            return TenantId.IsValid(caller.TenantClaim) ? caller.TenantClaim : throw NotInTenant();

        if (string.IsNullOrEmpty(accessToken) || users is null) throw NotInTenant();
        var now = time.GetUtcNow();
        if (caller.UserSub is { Length: > 0 } sub && _bySub.TryGetValue(sub, out var cached) && cached.Until > now) return cached.Tenant;

        var user = await users.GetSignedInUserAsync(accessToken, cancellationToken);
        if (string.IsNullOrEmpty(user.TenantId) || !TenantId.IsValid(user.TenantId)) throw NotInTenant();
        // The token's verified sub and the one Cognito answered for must agree before the answer is remembered.
        if (caller.UserSub is { Length: > 0 } verified && string.Equals(verified, user.Sub, StringComparison.Ordinal))
        {
            if (_bySub.Count >= MaxCachedUsers) _bySub.Clear();
            _bySub[verified] = (user.TenantId, now + CacheLifetime);
        }
        return user.TenantId;
    }

    public static EnrollmentException NotInTenant() =>
        EnrollmentException.Denied(ErrorReasons.UserNotInTenant, "This user belongs to no tenant; an operator must create users with their tenant.");
}
