using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Enrollment.Local.Tests.OpenApi;

/// <summary>
/// A YAML document as a JSON tree, with YAML 1.2's core schema for plain scalars (true/false, null, integers,
/// floats); quoted scalars stay strings. Enough for docs/openapi.yaml, which is JSON-compatible YAML.
/// </summary>
public static partial class YamlJson
{
    public static JsonNode Load(string path) => Parse(File.ReadAllText(path), path);

    public static JsonNode Parse(string yaml, string source = "YAML text")
    {
        var stream = new YamlStream();
        using (var reader = new StringReader(yaml)) stream.Load(reader);
        return Convert(stream.Documents[0].RootNode) ?? throw new InvalidDataException($"{source} is empty.");
    }

    private static JsonNode? Convert(YamlNode node) => node switch
    {
        YamlMappingNode mapping => Mapping(mapping),
        YamlSequenceNode sequence => new JsonArray(sequence.Children.Select(Convert).ToArray()),
        YamlScalarNode scalar => Scalar(scalar),
        _ => throw new InvalidDataException($"Unsupported YAML node at {node.Start}."),
    };

    private static JsonObject Mapping(YamlMappingNode mapping)
    {
        var result = new JsonObject();
        foreach (var (key, value) in mapping.Children)
            result.Add(((YamlScalarNode)key).Value!, Convert(value)); // Add throws on a repeated key, as it should
        return result;
    }

    private static JsonNode? Scalar(YamlScalarNode scalar)
    {
        var text = scalar.Value ?? "";
        if (scalar.Style != ScalarStyle.Plain) return JsonValue.Create(text);
        return text switch
        {
            "true" => JsonValue.Create(true),
            "false" => JsonValue.Create(false),
            "null" or "~" or "" => null,
            _ when IntegerPattern().IsMatch(text) => JsonValue.Create(long.Parse(text, CultureInfo.InvariantCulture)),
            _ when FloatPattern().IsMatch(text) => JsonValue.Create(double.Parse(text, CultureInfo.InvariantCulture)),
            _ => JsonValue.Create(text),
        };
    }

    [GeneratedRegex(@"^[-+]?[0-9]+$")]
    private static partial Regex IntegerPattern();

    [GeneratedRegex(@"^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$")]
    private static partial Regex FloatPattern();
}
