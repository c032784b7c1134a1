using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Enrollment.Infrastructure.Cognito;

/// <summary>
/// JSON 1.1 timestamps are epoch seconds with a fraction (e.g. 1700000000.123). A string form is accepted
/// too, because some emulators send one; an unreadable value becomes null rather than failing the call.
/// </summary>
public sealed class EpochSecondsConverter : JsonConverter<DateTimeOffset?>
{
    public override DateTimeOffset? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.Number when reader.TryGetDouble(out var seconds):
                return FromSeconds(seconds);
            case JsonTokenType.String:
                var text = reader.GetString();
                if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed)) return FromSeconds(parsed);
                if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var date)) return date;
                return null;
            default:
                reader.Skip();
                return null;
        }
    }

    public override void Write(Utf8JsonWriter writer, DateTimeOffset? value, JsonSerializerOptions options)
    {
        if (value is null) writer.WriteNullValue();
        else writer.WriteNumberValue(value.Value.ToUnixTimeMilliseconds() / 1000.0);
    }

    private static DateTimeOffset? FromSeconds(double seconds) =>
        double.IsFinite(seconds) && Math.Abs(seconds) < 253402300799 ? DateTimeOffset.FromUnixTimeMilliseconds((long)Math.Round(seconds * 1000)) : null;
}
