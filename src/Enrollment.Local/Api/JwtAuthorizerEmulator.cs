using System.Text.Json;
using Enrollment.Core.Identity;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Enrollment.Local.Api;

/// <summary>
/// An HTTP API JWT authorizer, checked the way API Gateway documents it: the token from the identity source
/// (alone or after "Bearer "), an RSA signature by a key of the issuer's key set whose <c>kid</c> matches, then
/// <c>iss</c>, <c>aud</c> (or <c>client_id</c> when there is no <c>aud</c>) against the audience list, <c>exp</c>,
/// <c>nbf</c>, <c>iat</c>, and at least one of the route's scopes. On top, as Cognito tokens go: a
/// <c>token_use</c> must be "access", or "id" with an <c>aud</c>.
/// The clock is a <see cref="TimeProvider"/> so tests can make a token expire.
/// </summary>
public sealed class JwtAuthorizerEmulator
{
    /// <summary>The one wording AWS documents for a refusal; the others follow its style.</summary>
    public const string InvalidAudience = "the token does not have a valid audience";

    private static readonly string[] RsaAlgorithms = [SecurityAlgorithms.RsaSha256, SecurityAlgorithms.RsaSha384, SecurityAlgorithms.RsaSha512];

    private readonly JsonWebTokenHandler _handler = new() { MapInboundClaims = false };
    private readonly IJwksSource? _keys;
    private readonly TimeProvider _time;

    public JwtAuthorizerEmulator(JwtAuthorizerSettings settings, IJwksSource? keys, TimeProvider time)
    {
        if (settings.VerifyToken && keys is null) throw new ArgumentException("A key source is needed to verify tokens.", nameof(keys));
        Settings = settings;
        _keys = keys;
        _time = time;
    }

    public JwtAuthorizerSettings Settings { get; }

    /// <param name="identity">The identity source's value (the Authorization header), or null when absent.</param>
    /// <param name="routeScopes">The route's AuthorizationScopes; empty for none.</param>
    public async Task<AuthorizerResult> AuthorizeAsync(string? identity, IReadOnlyList<string> routeScopes, CancellationToken cancellationToken)
    {
        var token = TokenFrom(identity);
        if (token is null) return AuthorizerResult.Deny("no token in the identity source");

        JsonWebToken jwt;
        try
        {
            jwt = _handler.ReadJsonWebToken(token);
        }
        catch (Exception ex) when (ex is ArgumentException or SecurityTokenException)
        {
            return AuthorizerResult.Deny("the token is malformed");
        }
        JsonElement payload;
        try
        {
            using var document = JsonDocument.Parse(Base64UrlEncoder.DecodeBytes(jwt.EncodedPayload));
            if (document.RootElement.ValueKind != JsonValueKind.Object) return AuthorizerResult.Deny("the token is malformed");
            payload = document.RootElement.Clone();
        }
        catch (Exception ex) when (ex is JsonException or FormatException or ArgumentException)
        {
            return AuthorizerResult.Deny("the token is malformed");
        }

        if (Settings.VerifyToken)
        {
            var failure = await CheckSignatureAsync(token, cancellationToken).ConfigureAwait(false) ?? CheckClaims(payload);
            if (failure is not null) return AuthorizerResult.Deny(failure);
        }

        var scopes = JwtClaimRenderer.Scopes(payload);
        if (routeScopes.Count > 0 && !routeScopes.Any(scopes.Contains))
            return AuthorizerResult.Deny("the token does not have the required scopes", AuthorizerResult.InsufficientScope);
        return AuthorizerResult.Allow(JwtClaimRenderer.RenderClaims(payload), scopes);
    }

    /// <summary>The token from "Bearer x" or a bare "x", as API Gateway accepts both.</summary>
    public static string? TokenFrom(string? identity)
    {
        if (string.IsNullOrWhiteSpace(identity)) return null;
        var value = identity.Trim();
        if (value.Equals("Bearer", StringComparison.OrdinalIgnoreCase)) return null;
        if (value.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)) value = value[7..].Trim();
        return value.Length == 0 ? null : value;
    }

    private async Task<string?> CheckSignatureAsync(string token, CancellationToken cancellationToken)
    {
        IReadOnlyList<SecurityKey> keys;
        try
        {
            keys = await _keys!.GetSigningKeysAsync(refresh: false, cancellationToken).ConfigureAwait(false);
            var result = await ValidateSignatureAsync(token, keys).ConfigureAwait(false);
            if (result.Exception is SecurityTokenSignatureKeyNotFoundException)
            {
                // A key id we do not know: the issuer may have rotated its keys since the last fetch.
                keys = await _keys.GetSigningKeysAsync(refresh: true, cancellationToken).ConfigureAwait(false);
                result = await ValidateSignatureAsync(token, keys).ConfigureAwait(false);
            }
            return result.IsValid ? null : result.Exception switch
            {
                SecurityTokenSignatureKeyNotFoundException => "the token's key id is not in the issuer's key set",
                SecurityTokenInvalidAlgorithmException => "the token is not signed with an RSA algorithm",
                SecurityTokenMalformedException => "the token is malformed",
                _ => "the token signature is invalid",
            };
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or ArgumentException)
        {
            return "the issuer's key set could not be fetched";
        }
    }

    private Task<TokenValidationResult> ValidateSignatureAsync(string token, IReadOnlyList<SecurityKey> keys) =>
        _handler.ValidateTokenAsync(token, new TokenValidationParameters
        {
            // Signature and key id only; the claims are checked below against our clock and with our wording.
            ValidateIssuer = false,
            ValidateAudience = false,
            ValidateLifetime = false,
            RequireExpirationTime = false,
            RequireSignedTokens = true,
            IssuerSigningKeys = keys,
            TryAllIssuerSigningKeys = false,
            ValidAlgorithms = RsaAlgorithms,
        });

    private string? CheckClaims(JsonElement payload)
    {
        if (Text(payload, ClaimNames.Issuer) != Settings.Issuer) return "the token does not have a valid issuer";

        var audience = Audiences(payload);
        if (audience.Count == 0 || !audience.Any(Settings.Audience.Contains)) return InvalidAudience;

        var now = _time.GetUtcNow().ToUnixTimeSeconds();
        if (Seconds(payload, "exp") is not { } exp) return "the token has no expiry";
        if (exp <= now) return "the token has expired";
        if (Seconds(payload, "nbf") is { } nbf && nbf > now) return "the token is not valid yet";
        if (Seconds(payload, "iat") is { } iat && iat > now) return "the token was issued in the future";

        var tokenUse = Text(payload, ClaimNames.TokenUse);
        if (tokenUse is not null && tokenUse != ClaimValues.AccessTokenUse && !(tokenUse == "id" && payload.TryGetProperty(ClaimNames.Audience, out _)))
            return "the token is neither an access token nor an ID token";
        return null;
    }

    /// <summary>aud when present (a string or a list), else client_id, as API Gateway decides.</summary>
    private static List<string> Audiences(JsonElement payload)
    {
        if (payload.TryGetProperty(ClaimNames.Audience, out var aud))
        {
            return aud.ValueKind switch
            {
                JsonValueKind.String => [aud.GetString()!],
                JsonValueKind.Array => aud.EnumerateArray().Where(a => a.ValueKind == JsonValueKind.String).Select(a => a.GetString()!).ToList(),
                _ => [],
            };
        }
        return Text(payload, ClaimNames.ClientId) is { } clientId ? [clientId] : [];
    }

    private static string? Text(JsonElement payload, string name) =>
        payload.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static long? Seconds(JsonElement payload, string name) =>
        payload.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetDouble(out var seconds)
            ? (long)seconds
            : null;
}
