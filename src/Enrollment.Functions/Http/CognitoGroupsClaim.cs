using System.Text.Json;

namespace Enrollment.Functions.Http;

/// <summary>
/// Reads the access token's cognito:groups claim in the forms it reaches a function: API Gateway's JWT authorizer
/// (payload 2.0) renders an array claim as the text "[g1 g2]"; a JSON array (hand-written events, other
/// authorizers) and the text of one (["g1","g2"]) are accepted too. Cognito group names hold no whitespace, so
/// splitting the bracketed text on spaces is exact. Anything unreadable is no groups: it can only deny.
/// </summary>
public static class CognitoGroupsClaim
{
    public static IReadOnlyList<string> Parse(JsonElement? claim) => claim switch
    {
        { ValueKind: JsonValueKind.Array } array => FromArray(array),
        { ValueKind: JsonValueKind.String } text => FromText(text.GetString()!),
        _ => [],
    };

    private static List<string> FromText(string text)
    {
        text = text.Trim();
        if (text.StartsWith("[\"", StringComparison.Ordinal))
        {
            try
            {
                using var document = JsonDocument.Parse(text);
                return FromArray(document.RootElement);
            }
            catch (JsonException)
            {
                return [];
            }
        }
        if (text.StartsWith('[') && text.EndsWith(']')) text = text[1..^1];
        return text.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();
    }

    private static List<string> FromArray(JsonElement array) =>
        array.ValueKind != JsonValueKind.Array
            ? []
            : array.EnumerateArray().Where(e => e.ValueKind == JsonValueKind.String).Select(e => e.GetString()!).Where(g => g.Length > 0).ToList();
}
