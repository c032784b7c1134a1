namespace Enrollment.Local.Template;

/// <summary>
/// template.yaml as the local runner sees it, the one entry point of the template reader: parameters, functions
/// (<see cref="FunctionReader"/>), HTTP APIs and routes (<see cref="HttpApiReader"/>), DynamoDB tables
/// (<see cref="TableReader"/>), user pools and app clients (<see cref="UserPoolReader"/>); other resources
/// (secrets, log groups, alarms) only through <see cref="ResolveResourceProperties"/>. Every value is resolved
/// with <see cref="TemplateLoadOptions"/>; load it again with other options (resource names from a local stack,
/// say) to get the values as that stack sees them.
/// </summary>
public sealed class SamTemplate
{
    public const string DefaultFileName = "template.yaml";

    private readonly IntrinsicResolver _resolver;
    private readonly Dictionary<string, object?> _root;
    private readonly string _yaml;

    private SamTemplate(string path, string yaml, Dictionary<string, object?> root, IntrinsicResolver resolver)
    {
        Path = path;
        _yaml = yaml;
        _root = root;
        _resolver = resolver;
        Directory = System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(path)) ?? ".";

        var scope = new TemplateScope(resolver);
        var globals = root.GetValueOrDefault("Globals") as Dictionary<string, object?>;
        var declared = FunctionReader.Read(scope, globals?.GetValueOrDefault("Function") as Dictionary<string, object?>);
        HttpApis = HttpApiReader.Read(scope, globals?.GetValueOrDefault("HttpApi") as Dictionary<string, object?>,
            declared.Values.SelectMany(f => f.HttpApiEvents).ToList());
        // Routes as API Gateway sees them (the API's DefaultAuthorizer applied), in the functions' order.
        Routes = declared.Values
            .SelectMany(f => f.HttpApiEvents)
            .Select(r => HttpApis[r.ApiLogicalId].Routes.First(final => final.FunctionLogicalId == r.FunctionLogicalId && final.EventName == r.EventName))
            .ToList();
        Functions = declared.ToDictionary(
            kv => kv.Key,
            kv => kv.Value with { HttpApiEvents = Routes.Where(r => r.FunctionLogicalId == kv.Key).ToList() },
            StringComparer.Ordinal);
        Tables = TableReader.Read(scope);
        UserPools = UserPoolReader.ReadPools(scope);
        UserPoolClients = UserPoolReader.ReadClients(scope);
    }

    /// <summary>The template file as given.</summary>
    public string Path { get; }

    /// <summary>The folder of the template; CodeUri paths are relative to it.</summary>
    public string Directory { get; }

    public TemplateLoadOptions Options => _resolver.Options;

    public IReadOnlyDictionary<string, TemplateParameter> Parameters => _resolver.Parameters;

    public IReadOnlyDictionary<string, SamFunction> Functions { get; }

    /// <summary>Every HttpApi event of every function, with its API's DefaultAuthorizer applied.</summary>
    public IReadOnlyList<HttpApiRoute> Routes { get; }

    public IReadOnlyDictionary<string, HttpApiDefinition> HttpApis { get; }

    public IReadOnlyDictionary<string, DynamoDbTable> Tables { get; }

    public IReadOnlyDictionary<string, UserPoolDefinition> UserPools { get; }

    public IReadOnlyDictionary<string, UserPoolClientDefinition> UserPoolClients { get; }

    /// <summary>All Cognito trigger events of all functions.</summary>
    public IEnumerable<CognitoTrigger> CognitoTriggers => Functions.Values.SelectMany(f => f.CognitoTriggers);

    /// <summary>The route with this key ("POST /v1/me/totp/associate") on any API, or null.</summary>
    public HttpApiRoute? FindRoute(string routeKey) => Routes.FirstOrDefault(r => r.RouteKey == routeKey);

    /// <summary>A resource's Properties with every intrinsic evaluated.</summary>
    public IReadOnlyDictionary<string, object?> ResolveResourceProperties(string logicalId) =>
        _resolver.Resources.ContainsKey(logicalId)
            ? new TemplateScope(_resolver).Properties(logicalId)
            : throw new TemplateException($"{Path}: no resource named '{logicalId}'.");

    /// <summary>The Outputs, as name to value.</summary>
    public IReadOnlyDictionary<string, string> ResolveOutputs()
    {
        var scope = new TemplateScope(_resolver);
        var outputs = _root.GetValueOrDefault("Outputs") as Dictionary<string, object?> ?? [];
        return outputs.Where(o => o.Value is Dictionary<string, object?>).ToDictionary(
            o => o.Key,
            o => scope.Text(_resolver.Resolve(((Dictionary<string, object?>)o.Value!).GetValueOrDefault("Value"), $"Outputs.{o.Key}"), $"Outputs.{o.Key}.Value") ?? "",
            StringComparer.Ordinal);
    }

    public static SamTemplate Load(string path, TemplateLoadOptions? options = null)
    {
        if (!File.Exists(path))
            throw new TemplateException($"Template file not found: {System.IO.Path.GetFullPath(path)}. Run from the repository root or pass --template PATH.");
        return Parse(File.ReadAllText(path), options, path);
    }

    public static SamTemplate Parse(string yaml, TemplateLoadOptions? options = null, string path = DefaultFileName)
    {
        var sourceName = System.IO.Path.GetFileName(path);
        var root = YamlTemplateReader.Read(yaml, sourceName);
        if (root.GetValueOrDefault("Resources") is not Dictionary<string, object?>)
            throw new TemplateException($"{sourceName}: the template has no Resources section.");
        var resolver = new IntrinsicResolver(root, options ?? new TemplateLoadOptions(), sourceName);
        return new SamTemplate(path, yaml, root, resolver);
    }

    /// <summary>
    /// The same template resolved with other options: a local stack that has created the tables and the pool
    /// passes their names and ids as overrides and gets the functions' environment and the authorizer as it sees them.
    /// </summary>
    public SamTemplate WithOptions(TemplateLoadOptions options) => Parse(_yaml, options, Path);
}
