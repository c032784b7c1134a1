using System.Text.Json.Serialization.Metadata;
using System.Text.Json;
using System.Text;
using Enrollment.Core.Errors;
using Enrollment.Core.Identity;
using Enrollment.Functions.Wire;

namespace Enrollment.Functions.Http;

/// <summary>
/// One HTTP API request, with the reading rules every route shares: body size and JSON shape, the bearer
/// token, the authorizer's claims, and the caller context for policy and audit.
/// </summary>
public sealed class ApiRequest(HttpApiRequest raw)
{
    public const int MaxBodyBytes = 16 * 1024;

    public HttpApiRequest Raw { get; } = raw;

    public string RequestId { get; } = raw.RequestContext?.RequestId is { Length: > 0 } id ? id : Guid.NewGuid().ToString("n");

    public string? Query(string name) => Raw.Query(name);

    /// <summary>Reads the JSON body. Empty is allowed only where the route says so (returns null).</summary>
    public T? ReadBody<T>(JsonTypeInfo<T> typeInfo, bool allowEmpty) where T : class
    {
        var bytes = BodyBytes();
        if (bytes.Length > MaxBodyBytes)
            throw EnrollmentException.Invalid($"The body is larger than {MaxBodyBytes / 1024} KiB.", "body");
        if (bytes.Length == 0 || bytes.AsSpan().Trim(" \t\r\n"u8).IsEmpty)
        {
            if (allowEmpty) return null;
            throw EnrollmentException.Invalid("A JSON body is required.", "body");
        }
        if (!IsWellFormedJsonObject(bytes))
            throw EnrollmentException.Invalid("The body must be a well-formed JSON object.", "body");
        try
        {
            return JsonSerializer.Deserialize(bytes, typeInfo) ?? throw EnrollmentException.Invalid("The body must be a JSON object.", "body");
        }
        catch (JsonException ex)
        {
            // The syntax is fine, so this is a field of the wrong type: name it, never echo the library message.
            var field = string.IsNullOrEmpty(ex.Path) || ex.Path == "$" ? "body" : ex.Path.TrimStart('$', '.');
            throw EnrollmentException.Invalid($"The field '{field}' has the wrong type.", field);
        }
    }

    /// <summary>A syntax pass first, so a truncated body is "not JSON" rather than a wrong type of its last field.</summary>
    private static bool IsWellFormedJsonObject(byte[] bytes)
    {
        try
        {
            var reader = new Utf8JsonReader(bytes);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject) return false;
            while (reader.Read()) { }
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    /// <summary>The body as UTF-8 text (base64 decoded when API Gateway encoded it), within the size limit; "" when none.</summary>
    public string BodyText()
    {
        var bytes = BodyBytes();
        if (bytes.Length > MaxBodyBytes)
            throw EnrollmentException.Invalid($"The body is larger than {MaxBodyBytes / 1024} KiB.", "body");
        return Encoding.UTF8.GetString(bytes);
    }

    /// <summary>A path parameter of the route (API Gateway fills them from the route's {name} segments).</summary>
    public string PathParameter(string name) =>
        Raw.PathParameters is not null && Raw.PathParameters.TryGetValue(name, out var value) && !string.IsNullOrEmpty(value)
            ? value
            : throw EnrollmentException.Invalid($"The path parameter {name} is missing.", name);

    /// <summary>The access token from "authorization: Bearer ...", required on the signed-in routes.</summary>
    public string BearerToken()
    {
        var header = Raw.Header("authorization");
        const string prefix = "Bearer ";
        if (header is null || !header.StartsWith(prefix, StringComparison.OrdinalIgnoreCase) || header.Length <= prefix.Length)
            throw RequestFailures.BearerTokenMissing();
        var token = header[prefix.Length..].Trim();
        if (token.Length is 0 or > 8192 || token.Any(c => !(char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '=' or '.')))
            throw RequestFailures.AccessTokenMalformed();
        return token;
    }

    /// <summary>The caller as the JWT authorizer saw it. No claims means no authorizer ran: unauthorized.</summary>
    public CallerContext SignedInCaller()
    {
        var claims = Raw.RequestContext?.Authorizer?.Jwt?.Claims;
        if (claims is null || claims.Count == 0)
            throw RequestFailures.NoVerifiedClaims();
        var tokenUse = Claim(claims, ClaimNames.TokenUse);
        if (tokenUse is not null && tokenUse != ClaimValues.AccessTokenUse)
            throw RequestFailures.IdTokenNotAccepted();
        return Caller() with
        {
            ClientId = Claim(claims, ClaimNames.ClientId) ?? Claim(claims, ClaimNames.Audience),
            Username = Claim(claims, ClaimNames.Username) ?? Claim(claims, ClaimNames.CognitoUsername),
            UserSub = Claim(claims, ClaimNames.Subject),
            TenantClaim = Claim(claims, ClaimNames.TenantId),
            EnrollmentRequired = ClaimValues.IsTrue(Claim(claims, ClaimNames.MfaEnrollmentRequired), restricts: false),
            EnrollmentOnly = ClaimValues.IsTrue(Claim(claims, ClaimNames.MfaEnrollmentOnly), restricts: true),
            AuthTime = long.TryParse(Claim(claims, ClaimNames.AuthTime), out var authTime) ? DateTimeOffset.FromUnixTimeSeconds(authTime) : null,
        };
    }

    /// <summary>The caller fields every route has: request id, source, agent and app version.</summary>
    public CallerContext Caller() => new()
    {
        RequestId = RequestId,
        SourceIp = Raw.RequestContext?.Http?.SourceIp,
        UserAgent = Truncate(Raw.Header("user-agent") ?? Raw.RequestContext?.Http?.UserAgent, 256),
        AppVersion = Truncate(Raw.Header("x-app-version"), 64),
    };

    private byte[] BodyBytes()
    {
        if (Raw.Body is null) return [];
        if (!Raw.IsBase64Encoded) return Encoding.UTF8.GetBytes(Raw.Body);
        try
        {
            return Convert.FromBase64String(Raw.Body);
        }
        catch (FormatException)
        {
            throw EnrollmentException.Invalid("The body is not valid base64.", "body");
        }
    }

    /// <summary>A claim as text (see <see cref="ClaimValues"/>); a JSON value of another kind, as a hand-written event may hold, as its raw text.</summary>
    private static string? Claim(Dictionary<string, JsonElement> claims, string name) =>
        claims.TryGetValue(name, out var value)
            ? value.ValueKind switch
            {
                JsonValueKind.String => value.GetString(),
                JsonValueKind.Null or JsonValueKind.Undefined => null,
                _ => value.GetRawText(),
            }
            : null;

    private static string? Truncate(string? value, int max) => value is null || value.Length <= max ? value : value[..max];
}
