using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Enrollment.Local.Cli;

/// <summary>Reflection-free JSON helpers for the terminal.</summary>
public static class JsonText
{
    /// <summary>The payload indented when it is JSON; as it came otherwise.</summary>
    public static string Pretty(byte[] payload)
    {
        try
        {
            using var document = JsonDocument.Parse(payload);
            using var buffer = new MemoryStream();
            using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
            {
                document.WriteTo(writer);
            }
            return Encoding.UTF8.GetString(buffer.ToArray());
        }
        catch (JsonException)
        {
            return Encoding.UTF8.GetString(payload);
        }
    }
}
