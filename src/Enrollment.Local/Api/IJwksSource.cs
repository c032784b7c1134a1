using Microsoft.IdentityModel.Tokens;

namespace Enrollment.Local.Api;

/// <summary>The issuer's signing keys. <paramref name="refresh"/> asks for a new fetch (a token names an unknown key id).</summary>
public interface IJwksSource
{
    Task<IReadOnlyList<SecurityKey>> GetSigningKeysAsync(bool refresh, CancellationToken cancellationToken);
}
