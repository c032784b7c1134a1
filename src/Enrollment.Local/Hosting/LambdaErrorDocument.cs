using System.Text.Json;

namespace Enrollment.Local.Hosting;

/// <summary>The document Lambda returns for a failed invocation: <c>{"errorType", "errorMessage", "stackTrace"}</c>.</summary>
public static class LambdaErrorDocument
{
    public static byte[] Build(string errorType, string message, string? stackTrace)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("errorType", errorType);
            writer.WriteString("errorMessage", message);
            if (stackTrace is not null)
            {
                writer.WriteStartArray("stackTrace");
                foreach (var line in stackTrace.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
                    writer.WriteStringValue(line);
                writer.WriteEndArray();
            }
            writer.WriteEndObject();
        }
        return buffer.ToArray();
    }
}
