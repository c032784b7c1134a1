using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Enrollment.Local.Template;

/// <summary>
/// Reads a CloudFormation/SAM YAML template into a plain tree: <c>Dictionary&lt;string, object?&gt;</c> for
/// mappings, <c>List&lt;object?&gt;</c> for sequences, <c>string</c> for scalars (CloudFormation treats scalars as
/// text) and <see cref="Intrinsic"/> for the short-form tags and long-form intrinsic mappings.
/// </summary>
public static class YamlTemplateReader
{
    /// <summary>
    /// The short-form tags template.yaml uses, mapped to their long names. Any other tag, and any other long-form
    /// <c>Fn::</c> name, is refused with its line: the runner emulates what the template needs, nothing more.
    /// </summary>
    public static IReadOnlyDictionary<string, string> ShortFormTags { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["!Ref"] = "Ref",
        ["!GetAtt"] = "Fn::GetAtt",
        ["!Sub"] = "Fn::Sub",
        ["!If"] = "Fn::If",
        ["!Split"] = "Fn::Split",
        ["!Equals"] = "Fn::Equals",
        ["!Not"] = "Fn::Not",
    };

    private static readonly HashSet<string> LongFormNames = [.. ShortFormTags.Values];

    public static Dictionary<string, object?> Read(string yaml, string sourceName)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(yaml));
        }
        catch (YamlException ex)
        {
            // YamlDotNet's message names the construct; the position is what the reader needs.
            throw new TemplateException($"{sourceName}: not valid YAML at line {ex.Start.Line}, column {ex.Start.Column}: {FirstLine(ex.Message)}");
        }
        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is not YamlMappingNode root)
            throw new TemplateException($"{sourceName}: the template must be a YAML mapping with a Resources section.");
        return (Dictionary<string, object?>)Convert(root, sourceName)!;
    }

    private static object? Convert(YamlNode node, string sourceName)
    {
        var tag = node.Tag.IsEmpty ? null : node.Tag.Value;
        string? intrinsicName = null;
        if (tag is not null && tag != "!" && !tag.StartsWith("tag:yaml.org,2002:", StringComparison.Ordinal))
        {
            if (!ShortFormTags.TryGetValue(tag, out intrinsicName))
                throw new TemplateException($"{sourceName}: unsupported tag '{tag}' at line {node.Start.Line}; the local runner supports what template.yaml uses: {string.Join(' ', ShortFormTags.Keys)}.");
        }

        object? value = node switch
        {
            YamlScalarNode scalar => ScalarValue(scalar),
            YamlSequenceNode sequence => sequence.Children.Select(child => Convert(child, sourceName)).ToList(),
            YamlMappingNode mapping => ConvertMapping(mapping, sourceName),
            _ => throw new TemplateException($"{sourceName}: unexpected YAML node at line {node.Start.Line}."),
        };

        if (intrinsicName is null) return value;
        // !GetAtt Resource.Attribute is the one short form whose scalar is split into the long form's list.
        if (intrinsicName == "Fn::GetAtt" && value is string dotted)
        {
            var dot = dotted.IndexOf('.');
            if (dot <= 0 || dot == dotted.Length - 1)
                throw new TemplateException($"{sourceName}: !GetAtt '{dotted}' at line {node.Start.Line} must be Resource.Attribute.");
            value = new List<object?> { dotted[..dot], dotted[(dot + 1)..] };
        }
        return new Intrinsic(intrinsicName, value);
    }

    private static object? ConvertMapping(YamlMappingNode mapping, string sourceName)
    {
        var map = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var (keyNode, valueNode) in mapping.Children)
        {
            if (keyNode is not YamlScalarNode { Value: { } key })
                throw new TemplateException($"{sourceName}: a mapping key at line {keyNode.Start.Line} must be a plain string.");
            if (!map.TryAdd(key, Convert(valueNode, sourceName)))
                throw new TemplateException($"{sourceName}: duplicate key '{key}' at line {keyNode.Start.Line}.");
        }
        // Long form: a mapping whose only key is an intrinsic name.
        if (map.Count == 1)
        {
            var (name, argument) = map.First();
            if (LongFormNames.Contains(name)) return new Intrinsic(name, argument);
            if (name.StartsWith("Fn::", StringComparison.Ordinal))
                throw new TemplateException(
                    $"{sourceName}: unsupported intrinsic '{name}' at line {mapping.Start.Line}; the local runner supports what template.yaml uses: {string.Join(", ", LongFormNames)}.");
        }
        return map;
    }

    private static string? ScalarValue(YamlScalarNode scalar)
    {
        var text = scalar.Value ?? string.Empty;
        if (scalar.Style == ScalarStyle.Plain && scalar.Tag.IsEmpty && text is "" or "~" or "null" or "Null" or "NULL")
            return null;
        return text;
    }

    private static string FirstLine(string message)
    {
        var newline = message.IndexOf('\n');
        return (newline < 0 ? message : message[..newline]).Trim();
    }
}
