using System.Buffers.Text;
using System.Text.Json;

namespace Enrollment.Infrastructure.Cognito;

/// <summary>
/// The string claims of a JWT's payload, decoded without checking the signature. Sound only for tokens this process
/// has just received from Cognito itself in the answer to its own HTTPS request (RespondToAuthChallenge): TLS to the
/// Cognito endpoint already authenticates who issued them, and nobody else had them in hand, so a signature check
/// (and the JWKS fetch it needs) would prove nothing more. Never use it on a token a caller sent.
/// </summary>
public static class JwtPayloadClaims
{
    /// <summary>Cognito's tokens are a few KB; anything far larger is not one of them.</summary>
    private const int MaxTokenLength = 16 * 1024;

    /// <summary>The payload's top-level string claims (other kinds are left out); null when it is not a JWT.</summary>
    public static IReadOnlyDictionary<string, string>? Read(string? token)
    {
        if (string.IsNullOrEmpty(token) || token.Length > MaxTokenLength) return null;
        var parts = token.Split('.');
        if (parts.Length != 3 || parts[1].Length == 0) return null;
        var payload = new byte[Base64Url.GetMaxDecodedLength(parts[1].Length)];
        if (Base64Url.DecodeFromChars(parts[1], payload, out _, out var written) != System.Buffers.OperationStatus.Done) return null;
        try
        {
            using var document = JsonDocument.Parse(payload.AsMemory(0, written));
            if (document.RootElement.ValueKind != JsonValueKind.Object) return null;
            var claims = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var claim in document.RootElement.EnumerateObject())
                if (claim.Value.ValueKind == JsonValueKind.String) claims[claim.Name] = claim.Value.GetString()!;
            return claims;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
