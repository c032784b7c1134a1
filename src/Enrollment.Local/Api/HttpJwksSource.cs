using Microsoft.IdentityModel.Tokens;

namespace Enrollment.Local.Api;

/// <summary>
/// A JSON Web Key Set fetched over HTTP and cached, as API Gateway caches it (up to two hours). An unknown key id
/// triggers one refetch, at most every <see cref="MinRefreshInterval"/>, so key rotation is picked up without
/// letting garbage tokens hammer the issuer.
/// </summary>
public sealed class HttpJwksSource(HttpClient http, Uri jwksUri, TimeProvider time) : IJwksSource
{
    public static readonly TimeSpan CacheLifetime = TimeSpan.FromHours(2);
    public static readonly TimeSpan MinRefreshInterval = TimeSpan.FromSeconds(30);

    private readonly SemaphoreSlim _gate = new(1, 1);
    private IReadOnlyList<SecurityKey>? _keys;
    private DateTimeOffset _fetchedAt;

    public Uri JwksUri => jwksUri;

    public async Task<IReadOnlyList<SecurityKey>> GetSigningKeysAsync(bool refresh, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var age = time.GetUtcNow() - _fetchedAt;
            var stale = _keys is null || age > CacheLifetime || (refresh && age > MinRefreshInterval);
            if (stale)
            {
                var json = await http.GetStringAsync(jwksUri, cancellationToken).ConfigureAwait(false);
                _keys = [.. new JsonWebKeySet(json).GetSigningKeys()];
                _fetchedAt = time.GetUtcNow();
            }
            return _keys!;
        }
        finally
        {
            _gate.Release();
        }
    }
}
