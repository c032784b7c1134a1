using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Enrollment.Local.Tests.OpenApi;

/// <summary>
/// The part of JSON Schema 2020-12 that docs/openapi.yaml uses, checked strictly: type (one or a list), const, enum,
/// properties, required, additionalProperties (boolean), items, minItems, oneOf, $ref (inside the document),
/// minLength, maxLength, pattern, minimum, maximum, format date-time. Annotations are skipped. A keyword outside
/// this list fails the check instead of being ignored, so the spec cannot grow a rule these tests would not enforce.
/// </summary>
public sealed class JsonSchemaSubset(JsonNode document)
{
    private static readonly HashSet<string> Annotations = ["description", "title", "summary", "default", "examples", "example", "deprecated", "$schema", "$id", "$comment"];

    private static readonly HashSet<string> Supported =
    [
        "type", "const", "enum", "properties", "required", "additionalProperties", "items", "minItems", "oneOf", "$ref",
        "minLength", "maxLength", "pattern", "minimum", "maximum", "format",
    ];

    public IReadOnlyList<string> Validate(JsonNode schema, JsonNode? instance)
    {
        var errors = new List<string>();
        Check(schema, instance, "$", errors);
        return errors;
    }

    public JsonNode Resolve(string reference)
    {
        if (!reference.StartsWith("#/", StringComparison.Ordinal)) throw new NotSupportedException($"Only local references: {reference}");
        JsonNode? node = document;
        foreach (var part in reference[2..].Split('/'))
            node = node?[part.Replace("~1", "/").Replace("~0", "~")];
        return node ?? throw new InvalidDataException($"Unresolved reference {reference}");
    }

    private void Check(JsonNode schema, JsonNode? instance, string at, List<string> errors)
    {
        var keywords = schema.AsObject();
        foreach (var (keyword, _) in keywords)
        {
            if (!Supported.Contains(keyword) && !Annotations.Contains(keyword))
                throw new NotSupportedException($"Schema keyword '{keyword}' is not supported by {nameof(JsonSchemaSubset)} (at {at}).");
        }

        if (keywords["$ref"] is { } reference)
        {
            Check(Resolve(reference.GetValue<string>()), instance, at, errors);
            return; // OpenAPI 3.1 allows siblings of $ref; ours carry only annotations.
        }

        if (keywords["oneOf"] is JsonArray alternatives)
        {
            var failures = new List<string>();
            var matches = 0;
            foreach (var alternative in alternatives)
            {
                var attempt = new List<string>();
                Check(alternative!, instance, at, attempt);
                if (attempt.Count == 0) matches++;
                else failures.Add(string.Join("; ", attempt));
            }
            if (matches != 1) errors.Add($"{at}: matches {matches} of oneOf's {alternatives.Count} schemas ({string.Join(" | ", failures)})");
        }

        if (keywords["type"] is { } type && !HasType(type, instance))
        {
            errors.Add($"{at}: expected {type.ToJsonString()}, got {Describe(instance)}");
            return;
        }
        if (keywords["const"] is { } constant && !JsonNode.DeepEquals(constant, instance))
            errors.Add($"{at}: expected {constant.ToJsonString()}, got {Describe(instance)}");
        if (keywords["enum"] is JsonArray values && !values.Any(v => JsonNode.DeepEquals(v, instance)))
            errors.Add($"{at}: {Describe(instance)} is not one of {values.ToJsonString()}");

        switch (instance)
        {
            case JsonObject obj:
                CheckObject(keywords, obj, at, errors);
                break;
            case JsonArray array:
                if (keywords["minItems"] is { } minItems && array.Count < Number(minItems)) errors.Add($"{at}: fewer than {minItems} items");
                if (keywords["items"] is { } items)
                    for (var i = 0; i < array.Count; i++) Check(items, array[i], $"{at}[{i}]", errors);
                break;
            case JsonValue value when value.GetValueKind() == JsonValueKind.String:
                CheckString(keywords, value.GetValue<string>(), at, errors);
                break;
            case JsonValue value when value.GetValueKind() == JsonValueKind.Number:
                var number = Number(value);
                if (keywords["minimum"] is { } min && number < Number(min)) errors.Add($"{at}: {number} < {min}");
                if (keywords["maximum"] is { } max && number > Number(max)) errors.Add($"{at}: {number} > {max}");
                break;
        }
    }

    private void CheckObject(JsonObject keywords, JsonObject obj, string at, List<string> errors)
    {
        var properties = keywords["properties"]?.AsObject();
        if (keywords["required"] is JsonArray required)
            foreach (var name in required.Select(r => r!.GetValue<string>()))
                if (!obj.ContainsKey(name)) errors.Add($"{at}: missing required '{name}'");
        foreach (var (name, value) in obj)
        {
            if (properties?[name] is { } propertySchema) Check(propertySchema, value, $"{at}.{name}", errors);
            else if (keywords["additionalProperties"] is { } additional && !additional.GetValue<bool>())
                errors.Add($"{at}: unexpected property '{name}'");
        }
    }

    private static void CheckString(JsonObject keywords, string text, string at, List<string> errors)
    {
        if (keywords["minLength"] is { } minLength && text.Length < Number(minLength)) errors.Add($"{at}: shorter than {minLength}");
        if (keywords["maxLength"] is { } maxLength && text.Length > Number(maxLength)) errors.Add($"{at}: longer than {maxLength}");
        if (keywords["pattern"] is { } pattern && !Regex.IsMatch(text, pattern.GetValue<string>()))
            errors.Add($"{at}: '{text}' does not match {pattern}");
        if (keywords["format"]?.GetValue<string>() == "date-time"
            && !DateTimeOffset.TryParseExact(text, "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK", CultureInfo.InvariantCulture, DateTimeStyles.None, out _))
            errors.Add($"{at}: '{text}' is not an RFC 3339 date-time");
    }

    private static bool HasType(JsonNode type, JsonNode? instance)
    {
        var names = type is JsonArray list ? list.Select(t => t!.GetValue<string>()) : [type.GetValue<string>()];
        return names.Any(name => name switch
        {
            "null" => instance is null,
            "object" => instance is JsonObject,
            "array" => instance is JsonArray,
            "string" => instance is JsonValue v && v.GetValueKind() == JsonValueKind.String,
            "boolean" => instance is JsonValue v && v.GetValueKind() is JsonValueKind.True or JsonValueKind.False,
            "number" => instance is JsonValue v && v.GetValueKind() == JsonValueKind.Number,
            "integer" => instance is JsonValue v && v.GetValueKind() == JsonValueKind.Number && Number(v) % 1 == 0,
            _ => throw new NotSupportedException($"type {name}"),
        });
    }

    // Numbers from YAML are CLR longs, from a response JSON elements: compare both as their JSON text's value.
    private static double Number(JsonNode node) => double.Parse(node.ToJsonString(), CultureInfo.InvariantCulture);

    private static string Describe(JsonNode? instance)
    {
        var text = instance?.ToJsonString() ?? "null";
        return text.Length > 120 ? text[..120] + "…" : text;
    }
}
