using System.Text.Json;
using System.Text.Json.Serialization;

namespace Enrollment.Infrastructure.Cognito;

/// <summary>
/// Reads a string map whose values are not always strings. The model says map&lt;string,string&gt;, but moto
/// sends MFAS_CAN_SETUP as a JSON array, and other emulators send numbers or booleans. A non-string value is
/// kept as its raw JSON text (e.g. <c>["SOFTWARE_TOKEN_MFA"]</c>); a null value drops the key.
/// </summary>
public sealed class LenientStringMapConverter : JsonConverter<IReadOnlyDictionary<string, string>>
{
    public override IReadOnlyDictionary<string, string>? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.Null) return null;
        if (reader.TokenType != JsonTokenType.StartObject) throw new JsonException("Expected an object.");

        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            var key = reader.GetString() ?? string.Empty;
            reader.Read();
            switch (reader.TokenType)
            {
                case JsonTokenType.String:
                    map[key] = reader.GetString() ?? string.Empty;
                    break;
                case JsonTokenType.Null:
                    break;
                default:
                    using (var value = JsonDocument.ParseValue(ref reader))
                        map[key] = value.RootElement.GetRawText();
                    break;
            }
        }
        return map;
    }

    public override void Write(Utf8JsonWriter writer, IReadOnlyDictionary<string, string> value, JsonSerializerOptions options)
    {
        writer.WriteStartObject();
        foreach (var (key, item) in value) writer.WriteString(key, item);
        writer.WriteEndObject();
    }
}
