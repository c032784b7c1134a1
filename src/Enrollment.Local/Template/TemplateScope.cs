using System.Globalization;

namespace Enrollment.Local.Template;

/// <summary>
/// What every resource reader shares: the resolver, the raw resources, and the value readers whose errors name
/// the template and the property (Text, Strings, Int, Bool).
/// </summary>
internal sealed class TemplateScope(IntrinsicResolver resolver)
{
    public IntrinsicResolver Resolver { get; } = resolver;

    public string SourceName => Resolver.SourceName;

    public IEnumerable<string> ResourcesOfType(string type) =>
        Resolver.Resources.Keys.Where(id => Resolver.ResourceType(id) == type);

    public Dictionary<string, object?> RawProperties(string id) =>
        Resolver.Resources[id].GetValueOrDefault("Properties") as Dictionary<string, object?> ?? [];

    /// <summary>A resource's Properties with every intrinsic evaluated.</summary>
    public Dictionary<string, object?> Properties(string id) =>
        Resolver.Resolve(Resolver.Resources[id].GetValueOrDefault("Properties"), $"Resources.{id}.Properties") as Dictionary<string, object?> ?? [];

    /// <summary>The logical id a raw <c>!Ref X</c> names, when X is a resource.</summary>
    public string? RefTarget(object? raw) =>
        raw is Intrinsic { Name: "Ref", Argument: string target } && Resolver.Resources.ContainsKey(target) ? target : null;

    public TemplateException Error(string message) => new($"{SourceName}: {message}");

    public string? Text(object? value, string at) => value switch
    {
        null => null,
        string s => s,
        bool b => b ? "true" : "false",
        _ => throw Error($"{at} must be a single value, not a list or mapping."),
    };

    public List<string> Strings(object? value, string at) => value switch
    {
        null => [],
        string s => [s],
        List<object?> list => list.Select(item => Text(item, at) ?? "").ToList(),
        _ => throw Error($"{at} must be a list of strings."),
    };

    public int Int(object? value, int fallback, string at) => value switch
    {
        null => fallback,
        string s when int.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) => n,
        _ => throw Error($"{at} must be a whole number."),
    };

    public static bool Bool(object? value) => value switch
    {
        bool b => b,
        string s => s.Equals("true", StringComparison.OrdinalIgnoreCase),
        _ => false,
    };
}
