using System.Buffers;
using System.Text;
using System.Text.Json;

namespace Enrollment.Functions.Hosting;

/// <summary>
/// Structured logs: one JSON object per line on stdout, which Lambda sends to CloudWatch Logs and Logs
/// Insights queries. Callers pass only safe fields; there is no overload that takes a request body.
/// </summary>
public sealed class FunctionLog(TextWriter output, bool infoEnabled = true)
{
    private readonly Lock _gate = new();

    /// <summary>LOG_LEVEL (the template's parameter, <c>EnrollmentSettings.LogLevel</c>): Warning, Error or Critical drop the per-request INFO lines.</summary>
    public static bool InfoEnabledFor(string? logLevel) => logLevel is not ("Warning" or "Error" or "Critical");

    public void Write(string level, string message, params ReadOnlySpan<(string Name, object? Value)> fields)
    {
        if (level == "INFO" && !infoEnabled) return;
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("level", level);
            json.WriteString("message", message);
            foreach (var (name, value) in fields)
            {
                switch (value)
                {
                    case null: break;
                    case int i: json.WriteNumber(name, i); break;
                    case long l: json.WriteNumber(name, l); break;
                    case double d: json.WriteNumber(name, Math.Round(d, 2)); break;
                    case bool b: json.WriteBoolean(name, b); break;
                    case EmbeddedMetrics metrics: metrics.WriteTo(json); break;
                    default: json.WriteString(name, value.ToString()); break;
                }
            }
            json.WriteEndObject();
        }
        var line = Encoding.UTF8.GetString(buffer.WrittenSpan);
        lock (_gate) output.WriteLine(line);
    }

    public void Info(string message, params ReadOnlySpan<(string Name, object? Value)> fields) => Write("INFO", message, fields);

    public void Error(string message, params ReadOnlySpan<(string Name, object? Value)> fields) => Write("ERROR", message, fields);
}
