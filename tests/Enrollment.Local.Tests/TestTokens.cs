using System.Security.Cryptography;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Enrollment.Local.Tests;

/// <summary>RS256 tokens signed by a key of this test run, shaped like Cognito's access tokens.</summary>
public static class TestTokens
{
    public const string KeyId = "test-key";

    public static RsaSecurityKey Key { get; } = new(RSA.Create(2048)) { KeyId = KeyId };

    /// <summary>
    /// A Cognito-like ID token: <c>aud</c> (the app client) instead of <c>client_id</c>, <c>token_use</c> id, and no
    /// <c>scope</c> claim (Cognito's ID tokens carry none).
    /// </summary>
    public static string Id(string issuer, string clientId, DateTimeOffset now) =>
        new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(new SecurityTokenDescriptor
        {
            Claims = new Dictionary<string, object>
            {
                ["iss"] = issuer,
                ["sub"] = "3b1f7c9e-0000-4000-8000-000000000001",
                ["aud"] = clientId,
                ["token_use"] = "id",
                ["cognito:username"] = "jane",
                ["auth_time"] = now.ToUnixTimeSeconds(),
                ["iat"] = now.ToUnixTimeSeconds(),
                ["exp"] = now.AddHours(1).ToUnixTimeSeconds(),
            },
            SigningCredentials = new SigningCredentials(Key, SecurityAlgorithms.RsaSha256),
        });

    /// <summary>A Cognito-like access token; <paramref name="claims"/> add to or replace the defaults.</summary>
    public static string Access(string issuer, string clientId, DateTimeOffset now, IDictionary<string, object>? claims = null, SecurityKey? key = null)
    {
        var payload = new Dictionary<string, object>
        {
            ["iss"] = issuer,
            ["sub"] = "3b1f7c9e-0000-4000-8000-000000000001",
            ["client_id"] = clientId,
            ["token_use"] = "access",
            ["scope"] = "aws.cognito.signin.user.admin",
            ["auth_time"] = now.ToUnixTimeSeconds(),
            ["iat"] = now.ToUnixTimeSeconds(),
            ["exp"] = now.AddHours(1).ToUnixTimeSeconds(),
            ["jti"] = Guid.NewGuid().ToString(),
            ["username"] = "jane",
        };
        if (claims is not null)
            foreach (var (name, value) in claims) payload[name] = value;
        return new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(new SecurityTokenDescriptor
        {
            Claims = payload,
            SigningCredentials = new SigningCredentials(key ?? Key, SecurityAlgorithms.RsaSha256),
        });
    }
}
