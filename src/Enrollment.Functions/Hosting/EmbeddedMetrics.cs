using System.Text.Json;

namespace Enrollment.Functions.Hosting;

/// <summary>
/// The CloudWatch Embedded Metric Format block (`_aws`) of a log line: CloudWatch turns the line's named number
/// fields into metrics, by the named dimension fields, with no SDK and no extra call.
/// </summary>
public sealed record EmbeddedMetrics(string Namespace, IReadOnlyList<string> Dimensions, IReadOnlyList<(string Name, string Unit)> Metrics, DateTimeOffset Timestamp)
{
    public const string FieldName = "_aws";
    public const string ServiceNamespace = "Enrollment";

    public void WriteTo(Utf8JsonWriter json)
    {
        json.WriteStartObject(FieldName);
        json.WriteNumber("Timestamp", Timestamp.ToUnixTimeMilliseconds());
        json.WriteStartArray("CloudWatchMetrics");
        json.WriteStartObject();
        json.WriteString("Namespace", Namespace);
        json.WriteStartArray("Dimensions");
        json.WriteStartArray();
        foreach (var dimension in Dimensions) json.WriteStringValue(dimension);
        json.WriteEndArray();
        json.WriteEndArray();
        json.WriteStartArray("Metrics");
        foreach (var (name, unit) in Metrics)
        {
            json.WriteStartObject();
            json.WriteString("Name", name);
            json.WriteString("Unit", unit);
            json.WriteEndObject();
        }
        json.WriteEndArray();
        json.WriteEndObject();
        json.WriteEndArray();
        json.WriteEndObject();
    }
}
