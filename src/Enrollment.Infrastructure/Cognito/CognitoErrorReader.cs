using System.Net.Http.Headers;
using System.Text.Json;

namespace Enrollment.Infrastructure.Cognito;

/// <summary>
/// Finds the error type of a failed JSON 1.1 call: the X-Amzn-ErrorType header first, else the body's
/// <c>__type</c> (or <c>code</c>). Values may look like <c>aws.protocoljson#Name</c> or <c>Name:http://...</c>;
/// the bare name is kept. The body's <c>message</c> is never read: it can echo user data.
/// </summary>
internal static class CognitoErrorReader
{
    public const string UnknownError = "UnknownError";
    private const int MaxNameLength = 100;

    public static string ReadErrorType(HttpResponseHeaders headers, ReadOnlySpan<byte> body)
    {
        if (headers.TryGetValues("X-Amzn-ErrorType", out var values))
        {
            var fromHeader = Clean(values.FirstOrDefault());
            if (fromHeader is not null) return fromHeader;
        }
        return Clean(ReadBodyType(body)) ?? UnknownError;
    }

    /// <summary>The part after the last '#' and before the first ':', limited to name characters.</summary>
    public static string? Clean(string? raw)
    {
        if (string.IsNullOrWhiteSpace(raw)) return null;
        var name = raw.AsSpan().Trim();
        var hash = name.LastIndexOf('#');
        if (hash >= 0) name = name[(hash + 1)..];
        var colon = name.IndexOf(':');
        if (colon >= 0) name = name[..colon];
        name = name.Trim();
        // The name goes into exception messages and logs: accept only what an error name can be.
        if (name.Length is 0 or > MaxNameLength) return null;
        foreach (var ch in name)
            if (!char.IsAsciiLetterOrDigit(ch) && ch is not '_' and not '.' and not '-') return null;
        return name.ToString();
    }

    private static string? ReadBodyType(ReadOnlySpan<byte> body)
    {
        if (body.IsEmpty) return null;
        try
        {
            var reader = new Utf8JsonReader(body);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject) return null;
            string? code = null;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var isType = reader.ValueTextEquals("__type");
                var isCode = reader.ValueTextEquals("code") || reader.ValueTextEquals("Code");
                reader.Read();
                if (reader.TokenType == JsonTokenType.String && isType) return reader.GetString();
                if (reader.TokenType == JsonTokenType.String && isCode) code = reader.GetString();
                else reader.Skip();
            }
            return code;
        }
        catch (JsonException)
        {
            // An HTML 500 page from a proxy or emulator: the status alone will have to do.
            return null;
        }
    }
}
