using Enrollment.Local.Api;
using Microsoft.IdentityModel.Tokens;

namespace Enrollment.Local.Tests.Api;

/// <summary>A key set in memory: what a fetch returns first, and what a refresh returns (key rotation).</summary>
public sealed class StaticKeys(IReadOnlyList<SecurityKey> keys, IReadOnlyList<SecurityKey>? afterRefresh = null) : IJwksSource
{
    public int Refreshes { get; private set; }

    public Task<IReadOnlyList<SecurityKey>> GetSigningKeysAsync(bool refresh, CancellationToken cancellationToken)
    {
        if (refresh) Refreshes++;
        return Task.FromResult(refresh && afterRefresh is not null ? afterRefresh : keys);
    }
}
