namespace Enrollment.Local.Template;

/// <summary>
/// SAM's Globals rules: a resource's own value wins over the global one for scalars; mappings are merged key
/// by key (so Environment.Variables combine, the function's value winning); lists are concatenated, globals first.
/// </summary>
public static class GlobalsMerger
{
    public static Dictionary<string, object?> Merge(Dictionary<string, object?>? globals, Dictionary<string, object?>? local)
    {
        var result = new Dictionary<string, object?>(StringComparer.Ordinal);
        if (globals is not null)
            foreach (var (key, value) in globals) result[key] = value;
        if (local is not null)
            foreach (var (key, value) in local)
                result[key] = result.TryGetValue(key, out var global) ? MergeValue(global, value) : value;
        return result;
    }

    private static object? MergeValue(object? global, object? local) => (global, local) switch
    {
        (Dictionary<string, object?> g, Dictionary<string, object?> l) => Merge(g, l),
        (List<object?> g, List<object?> l) => new List<object?>([.. g, .. l]),
        _ => local,
    };
}
