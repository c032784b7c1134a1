using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Enrollment.Local.Tests.Events;

/// <summary>
/// An EventBridge Pipes InputTemplate applied to one source record, as the Pipes user guide describes it:
/// <c>"&lt;$.path&gt;"</c> inside quotes is the string at that path; <c>&lt;$.path&gt;</c> without quotes is the JSON
/// value. Dot paths only (the subset the template uses). A path the record lacks fails the test: the template must
/// only name attributes every matching item has.
/// </summary>
public static partial class PipeInputTemplate
{
    public static JsonNode Apply(string template, JsonNode record)
    {
        var quoted = QuotedPlaceholder().Replace(template, m => JsonValue.Create(Scalar(record, m.Groups["path"].Value)).ToJsonString());
        var filled = BarePlaceholder().Replace(quoted, m => Find(record, m.Groups["path"].Value).ToJsonString());
        return JsonNode.Parse(filled) ?? throw new InvalidDataException("The template produced null.");
    }

    private static string Scalar(JsonNode record, string path) =>
        Find(record, path) is JsonValue value && value.GetValueKind() == JsonValueKind.String
            ? value.GetValue<string>()
            : throw new InvalidDataException($"{path} is not a string in the record.");

    private static JsonNode Find(JsonNode record, string path)
    {
        JsonNode? node = record;
        foreach (var part in path.Split('.')[1..]) node = node?[part];
        return node ?? throw new KeyNotFoundException($"The record has no {path}.");
    }

    [GeneratedRegex("\"<(?<path>\\$[A-Za-z0-9_.-]*)>\"")]
    private static partial Regex QuotedPlaceholder();

    [GeneratedRegex("<(?<path>\\$[A-Za-z0-9_.-]*)>")]
    private static partial Regex BarePlaceholder();
}
