using System.Text.Json;

namespace Enrollment.Local.Hosting;

/// <summary>
/// SAM's <c>--env-vars</c> file: <c>{"Parameters": {...}, "FunctionLogicalId": {...}}</c>. "Parameters" applies to
/// every function; a function's own section applies to it and wins over "Parameters".
/// </summary>
public sealed class EnvVarsFile
{
    public const string AllFunctionsKey = "Parameters";

    private EnvVarsFile(
        string source,
        IReadOnlyDictionary<string, string> parameters,
        IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> functions)
    {
        Source = source;
        Parameters = parameters;
        Functions = functions;
    }

    public string Source { get; }

    /// <summary>Variables for every function.</summary>
    public IReadOnlyDictionary<string, string> Parameters { get; }

    /// <summary>Variables by function logical id.</summary>
    public IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> Functions { get; }

    public static EnvVarsFile Empty { get; } = new("(none)", new Dictionary<string, string>(), new Dictionary<string, IReadOnlyDictionary<string, string>>());

    /// <summary>A file's worth of variables built in code: <paramref name="parameters"/> apply to every function (as "Parameters").</summary>
    public static EnvVarsFile FromParameters(IReadOnlyDictionary<string, string> parameters, string source) =>
        new(source, new Dictionary<string, string>(parameters, StringComparer.Ordinal), new Dictionary<string, IReadOnlyDictionary<string, string>>());

    /// <summary>These variables with <paramref name="over"/> laid on top (its Parameters and function sections win).</summary>
    public EnvVarsFile Under(EnvVarsFile over)
    {
        var parameters = new Dictionary<string, string>(Parameters, StringComparer.Ordinal);
        foreach (var (key, value) in over.Parameters) parameters[key] = value;
        return new EnvVarsFile($"{Source} + {over.Source}", parameters, over.Functions);
    }

    /// <summary>The variables for one function: "Parameters" overlaid with the function's own section.</summary>
    public IReadOnlyDictionary<string, string> For(string functionLogicalId)
    {
        var result = new Dictionary<string, string>(Parameters, StringComparer.Ordinal);
        if (Functions.TryGetValue(functionLogicalId, out var own))
            foreach (var (key, value) in own) result[key] = value;
        return result;
    }

    public static EnvVarsFile Load(string path)
    {
        if (!File.Exists(path))
            throw new EnvVarsFileException($"Env vars file not found: {Path.GetFullPath(path)}.");
        return Parse(File.ReadAllText(path), path);
    }

    public static EnvVarsFile Parse(string json, string source = "env vars")
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        }
        catch (JsonException ex)
        {
            throw new EnvVarsFileException($"{source} is not valid JSON (line {ex.LineNumber + 1}, byte {ex.BytePositionInLine + 1}).");
        }
        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object)
                throw new EnvVarsFileException($"{source} must be a JSON object: {{\"Parameters\": {{...}}, \"FunctionLogicalId\": {{...}}}}.");
            var parameters = new Dictionary<string, string>(StringComparer.Ordinal);
            var functions = new Dictionary<string, IReadOnlyDictionary<string, string>>(StringComparer.Ordinal);
            foreach (var section in document.RootElement.EnumerateObject())
            {
                if (section.Value.ValueKind != JsonValueKind.Object)
                    throw new EnvVarsFileException($"{source}: \"{section.Name}\" must be an object of NAME: value.");
                var variables = section.Name == AllFunctionsKey ? parameters : new Dictionary<string, string>(StringComparer.Ordinal);
                foreach (var variable in section.Value.EnumerateObject())
                    variables[variable.Name] = ValueText(variable.Value, $"{source}: {section.Name}.{variable.Name}");
                if (section.Name != AllFunctionsKey) functions[section.Name] = variables;
            }
            return new EnvVarsFile(source, parameters, functions);
        }
    }

    private static string ValueText(JsonElement value, string at) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString()!,
        JsonValueKind.Number => value.GetRawText(),
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        JsonValueKind.Null => "",
        _ => throw new EnvVarsFileException($"{at} must be a string, number or boolean."),
    };
}
