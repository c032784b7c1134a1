using System.Text;
using System.Text.Json;

namespace Enrollment.Local.Api;

/// <summary>
/// Claims as API Gateway hands them to an integration: every value a string. Numbers keep their JSON text
/// ("1795306610"), booleans are "true"/"false", arrays read "[a b]" and objects "map[k:v]" (the rendering of
/// API Gateway's own runtime, seen on cognito:groups).
/// </summary>
public static class JwtClaimRenderer
{
    public static Dictionary<string, string> RenderClaims(JsonElement payload)
    {
        var claims = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var property in payload.EnumerateObject())
        {
            if (property.Value.ValueKind is JsonValueKind.Null or JsonValueKind.Undefined) continue;
            claims[property.Name] = Render(property.Value);
        }
        return claims;
    }

    public static string Render(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString()!,
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        JsonValueKind.Number => value.GetRawText(),
        JsonValueKind.Array => "[" + string.Join(' ', value.EnumerateArray().Select(Render)) + "]",
        JsonValueKind.Object => RenderObject(value),
        _ => "",
    };

    /// <summary>The token's scopes: <c>scope</c> (space-separated) or <c>scp</c> (a list or a string).</summary>
    public static IReadOnlyList<string> Scopes(JsonElement payload)
    {
        foreach (var name in new[] { "scope", "scp" })
        {
            if (!payload.TryGetProperty(name, out var value)) continue;
            if (value.ValueKind == JsonValueKind.String)
                return value.GetString()!.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (value.ValueKind == JsonValueKind.Array)
                return value.EnumerateArray().Where(v => v.ValueKind == JsonValueKind.String).Select(v => v.GetString()!).ToList();
        }
        return [];
    }

    private static string RenderObject(JsonElement value)
    {
        var builder = new StringBuilder("map[");
        var first = true;
        foreach (var property in value.EnumerateObject().OrderBy(p => p.Name, StringComparer.Ordinal))
        {
            if (!first) builder.Append(' ');
            first = false;
            builder.Append(property.Name).Append(':').Append(Render(property.Value));
        }
        return builder.Append(']').ToString();
    }
}
