using System.Net;
using System.Text;
using Enrollment.Local.Api;
using Enrollment.Testing;
using Microsoft.IdentityModel.Tokens;

namespace Enrollment.Local.Tests.Api;

/// <summary>The key set is fetched once, kept, and fetched again only when a refresh is asked for and due.</summary>
public sealed class HttpJwksSourceTests
{
    private sealed class CountingHandler(string json) : HttpMessageHandler
    {
        public int Calls { get; private set; }

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Calls++;
            return Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent(json, Encoding.UTF8, "application/json") });
        }
    }

    [Fact]
    public async Task Keys_are_cached_and_a_refresh_is_rate_limited()
    {
        var jwk = JsonWebKeyConverter.ConvertFromRSASecurityKey(new RsaSecurityKey(TestTokens.Key.Rsa.ExportParameters(false)) { KeyId = TestTokens.KeyId });
        var json = $$"""{"keys":[{"kty":"RSA","kid":"{{jwk.Kid}}","use":"sig","alg":"RS256","n":"{{jwk.N}}","e":"{{jwk.E}}"}]}""";
        var handler = new CountingHandler(json);
        var time = new TestClock(DateTimeOffset.UtcNow);
        var source = new HttpJwksSource(new HttpClient(handler), new Uri("http://127.0.0.1:9/pool/.well-known/jwks.json"), time);
        var token = TestContext.Current.CancellationToken;

        var keys = await source.GetSigningKeysAsync(refresh: false, token);
        await source.GetSigningKeysAsync(refresh: false, token);
        await source.GetSigningKeysAsync(refresh: true, token); // too soon after the fetch
        Assert.Equal(TestTokens.KeyId, Assert.Single(keys).KeyId);
        Assert.Equal(1, handler.Calls);

        time.Now += HttpJwksSource.MinRefreshInterval + TimeSpan.FromSeconds(1);
        await source.GetSigningKeysAsync(refresh: true, token);
        Assert.Equal(2, handler.Calls);

        time.Now += HttpJwksSource.CacheLifetime + TimeSpan.FromSeconds(1);
        await source.GetSigningKeysAsync(refresh: false, token);
        Assert.Equal(3, handler.Calls);
    }
}
