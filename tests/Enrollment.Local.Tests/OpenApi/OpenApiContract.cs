using System.Text.Json;
using System.Text.Json.Nodes;
using Xunit;
using Enrollment.Testing;

namespace Enrollment.Local.Tests.OpenApi;

/// <summary>
/// docs/openapi.yaml, loaded once, and the check every answer of the event-replay and local-stack tests goes
/// through: the route and method exist, the status is documented for them, the documented headers are there and
/// the body validates against the schema of that status.
/// </summary>
public static class OpenApiContract
{
    public static readonly string[] Methods = ["get", "put", "post", "delete", "patch", "head", "options", "trace"];

    private static readonly Lazy<JsonObject> LazyDocument = new(() => YamlJson.Load(SpecPath).AsObject());

    public static string SpecPath => Path.Combine(RepoPaths.Root, "docs", "openapi.yaml");

    public static JsonObject Document => LazyDocument.Value;

    public static JsonSchemaSubset Schemas => new(Document);

    /// <summary>"POST /v1/me/totp/associate" and its operation, for every path and method of the spec.</summary>
    public static IEnumerable<(string RouteKey, string Path, JsonObject Operation)> Operations =>
        from path in Document["paths"]!.AsObject()
        from method in path.Value!.AsObject()
        where Methods.Contains(method.Key)
        select ($"{method.Key.ToUpperInvariant()} {path.Key}", path.Key, method.Value!.AsObject());

    public static void AssertAnswer(string method, string pathAndQuery, int status, IReadOnlyDictionary<string, string> headers, string body)
    {
        var errors = CheckAnswer(method, pathAndQuery, status, headers, body);
        Assert.True(errors.Count == 0,
            $"{method} {pathAndQuery} answered {status} outside docs/openapi.yaml:\n  {string.Join("\n  ", errors)}\nbody: {body}");
    }

    public static IReadOnlyList<string> CheckAnswer(string method, string pathAndQuery, int status, IReadOnlyDictionary<string, string> headers, string body)
    {
        var path = pathAndQuery.Split('?', 2)[0];
        var schemas = Schemas;
        var contentType = (headers.TryGetValue("content-type", out var type) ? type : "application/json").Split(';')[0].Trim();
        JsonNode? json = null;
        if (contentType == "application/json")
        {
            try
            {
                json = JsonNode.Parse(body);
            }
            catch (JsonException)
            {
                return [$"the body is not JSON"];
            }
        }

        var operation = Operations.FirstOrDefault(o => o.RouteKey.StartsWith(method.ToUpperInvariant() + " ", StringComparison.Ordinal) && Matches(o.Path, path)).Operation;
        if (operation is null)
        {
            // No route: API Gateway answers 404 itself, before any function.
            var errors = new List<string>();
            if (status != 404) errors.Add($"no operation in the spec, yet the status is {status} (API Gateway gives 404)");
            if (json is null) return [$"an unknown route answered {contentType}"];
            errors.AddRange(schemas.Validate(schemas.Resolve("#/components/schemas/GatewayMessage"), json));
            return errors;
        }

        if (operation["responses"]?[status.ToString()] is not { } declared)
            return [$"status {status} is not documented for this operation"];
        var response = declared["$ref"] is { } reference ? schemas.Resolve(reference.GetValue<string>()) : declared;

        var found = new List<string>();
        foreach (var (name, headerNode) in response["headers"]?.AsObject() ?? [])
        {
            var header = headerNode!["$ref"] is { } headerRef ? schemas.Resolve(headerRef.GetValue<string>()) : headerNode;
            var present = headers.TryGetValue(name.ToLowerInvariant(), out var value);
            if (!present && header["required"]?.GetValue<bool>() == true) found.Add($"missing header '{name}'");
            if (present) found.AddRange(schemas.Validate(header["schema"]!, JsonValue.Create(value)).Select(e => $"header '{name}' {e}"));
        }

        var schema = response["content"]?[contentType]?["schema"];
        if (schema is null) found.Add($"the spec documents no {contentType} body for this status");
        else if (contentType == "application/json") found.AddRange(schemas.Validate(schema, json));
        else if (contentType == "application/x-ndjson")
        {
            // One JSON document per line, each valid against the schema.
            var lines = body.Split('\n', StringSplitOptions.RemoveEmptyEntries);
            for (var i = 0; i < lines.Length; i++)
            {
                try
                {
                    found.AddRange(schemas.Validate(schema, JsonNode.Parse(lines[i])).Select(e => $"line {i + 1}: {e}"));
                }
                catch (JsonException)
                {
                    found.Add($"line {i + 1} is not JSON");
                }
            }
        }
        else found.AddRange(schemas.Validate(schema, JsonValue.Create(body)));
        return found;
    }

    /// <summary>A spec path with {parameters} (one non-empty segment each) against a request path.</summary>
    public static bool Matches(string template, string path)
    {
        var expected = template.Trim('/').Split('/');
        var actual = path.Trim('/').Split('/');
        if (expected.Length != actual.Length) return false;
        for (var i = 0; i < expected.Length; i++)
        {
            var isParameter = expected[i].StartsWith('{') && expected[i].EndsWith('}');
            if (isParameter ? actual[i].Length == 0 : !string.Equals(expected[i], actual[i], StringComparison.Ordinal)) return false;
        }
        return true;
    }
}
