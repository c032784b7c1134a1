using System.Globalization;

namespace Enrollment.Local.Template;

/// <summary>
/// template.yaml as the local runner sees it: parameters, functions (Globals merged, handler, environment,
/// HttpApi routes, Cognito triggers), HTTP APIs with their JWT authorizers, DynamoDB tables, user pools and
/// app clients; every value resolved with <see cref="TemplateLoadOptions"/>. Load it again with other
/// options (resource names from a local stack, say) to get the values as that stack sees them.
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

        var globals = root.GetValueOrDefault("Globals") as Dictionary<string, object?>;
        var functionGlobals = globals?.GetValueOrDefault("Function") as Dictionary<string, object?>;
        var apiGlobals = globals?.GetValueOrDefault("HttpApi") as Dictionary<string, object?>;

        var functions = ResourcesOfType("AWS::Serverless::Function")
            .ToDictionary(id => id, id => ReadFunction(id, functionGlobals), StringComparer.Ordinal);
        HttpApis = ReadHttpApis(apiGlobals, functions.Values.SelectMany(f => f.HttpApiEvents).ToList());
        // Routes as API Gateway sees them: the API's DefaultAuthorizer applied.
        Routes = functions.Values
            .SelectMany(f => f.HttpApiEvents)
            .Select(r => HttpApis[r.ApiLogicalId].Routes.First(final => final.FunctionLogicalId == r.FunctionLogicalId && final.EventName == r.EventName))
            .ToList();
        Functions = functions.ToDictionary(
            kv => kv.Key,
            kv => kv.Value with { HttpApiEvents = Routes.Where(r => r.FunctionLogicalId == kv.Key).ToList() },
            StringComparer.Ordinal);
        Tables = ResourcesOfType("AWS::DynamoDB::Table", "AWS::Serverless::SimpleTable")
            .ToDictionary(id => id, ReadTable, StringComparer.Ordinal);
        UserPools = ResourcesOfType("AWS::Cognito::UserPool").ToDictionary(id => id, ReadUserPool, StringComparer.Ordinal);
        UserPoolClients = ResourcesOfType("AWS::Cognito::UserPoolClient").ToDictionary(id => id, ReadUserPoolClient, StringComparer.Ordinal);
        CheckRoutes();
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

    /// <summary>The value a parameter takes here (override, else default); a list for list types.</summary>
    public object ParameterValue(string name) => _resolver.ParameterValue(name);

    public bool EvaluateCondition(string name) => _resolver.EvaluateCondition(name);

    /// <summary>A resource's Properties with every intrinsic evaluated.</summary>
    public IReadOnlyDictionary<string, object?> ResolveResourceProperties(string logicalId)
    {
        if (!_resolver.Resources.TryGetValue(logicalId, out var resource))
            throw new TemplateException($"{Path}: no resource named '{logicalId}'.");
        return _resolver.Resolve(resource.GetValueOrDefault("Properties"), $"Resources.{logicalId}.Properties") as Dictionary<string, object?>
            ?? new Dictionary<string, object?>();
    }

    /// <summary>The Outputs whose condition holds, as name to value.</summary>
    public IReadOnlyDictionary<string, string> ResolveOutputs()
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        if (_root.GetValueOrDefault("Outputs") is not Dictionary<string, object?> outputs) return result;
        foreach (var (name, raw) in outputs)
        {
            if (raw is not Dictionary<string, object?> output) continue;
            if (output.GetValueOrDefault("Condition") is string condition && !_resolver.EvaluateCondition(condition)) continue;
            result[name] = Text(_resolver.Resolve(output.GetValueOrDefault("Value"), $"Outputs.{name}"), $"Outputs.{name}.Value") ?? "";
        }
        return result;
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

    // ------------------------------------------------------------------ functions

    private SamFunction ReadFunction(string id, Dictionary<string, object?>? globals)
    {
        var raw = RawProperties(id);
        var merged = GlobalsMerger.Merge(globals, raw);
        var at = $"Resources.{id}.Properties";
        var properties = _resolver.Resolve(merged, at) as Dictionary<string, object?> ?? [];

        var environment = new Dictionary<string, string>(StringComparer.Ordinal);
        if (properties.GetValueOrDefault("Environment") is Dictionary<string, object?> env
            && env.GetValueOrDefault("Variables") is Dictionary<string, object?> variables)
        {
            foreach (var (name, value) in variables)
                environment[name] = Text(value, $"{at}.Environment.Variables.{name}") ?? "";
        }

        var httpEvents = new List<HttpApiRoute>();
        var cognitoEvents = new List<CognitoTrigger>();
        var rawEvents = merged.GetValueOrDefault("Events") as Dictionary<string, object?>;
        if (properties.GetValueOrDefault("Events") is Dictionary<string, object?> events)
        {
            foreach (var (eventName, value) in events)
            {
                if (value is not Dictionary<string, object?> e) continue;
                var eventProps = e.GetValueOrDefault("Properties") as Dictionary<string, object?> ?? [];
                var rawEventProps = (rawEvents?.GetValueOrDefault(eventName) as Dictionary<string, object?>)?.GetValueOrDefault("Properties") as Dictionary<string, object?>;
                var eventAt = $"{at}.Events.{eventName}";
                switch (e.GetValueOrDefault("Type") as string)
                {
                    case "HttpApi":
                        httpEvents.Add(ReadHttpApiEvent(id, eventName, eventProps, rawEventProps, eventAt));
                        break;
                    case "Cognito":
                        cognitoEvents.Add(new CognitoTrigger(
                            id, eventName,
                            RefTarget(rawEventProps?.GetValueOrDefault("UserPool")) ?? Text(eventProps.GetValueOrDefault("UserPool"), eventAt) ?? "",
                            Strings(eventProps.GetValueOrDefault("Trigger"), $"{eventAt}.Trigger")));
                        break;
                }
            }
        }

        return new SamFunction(
            id,
            Text(properties.GetValueOrDefault("Handler"), $"{at}.Handler")
                ?? throw new TemplateException($"{_resolver.SourceName}: function {id} has no Handler."),
            Text(properties.GetValueOrDefault("Runtime"), $"{at}.Runtime"),
            Strings(properties.GetValueOrDefault("Architectures"), $"{at}.Architectures") is { Count: > 0 } arch ? arch : ["x86_64"],
            properties.GetValueOrDefault("CodeUri") as string,
            Int(properties.GetValueOrDefault("MemorySize"), 128, $"{at}.MemorySize"),
            Int(properties.GetValueOrDefault("Timeout"), 3, $"{at}.Timeout"),
            environment,
            httpEvents,
            cognitoEvents,
            properties);
    }

    private HttpApiRoute ReadHttpApiEvent(string functionId, string eventName, Dictionary<string, object?> p, Dictionary<string, object?>? raw, string at)
    {
        var apiId = RefTarget(raw?.GetValueOrDefault("ApiId")) ?? Text(p.GetValueOrDefault("ApiId"), at) ?? HttpApiDefinition.ImplicitApiLogicalId;
        var path = Text(p.GetValueOrDefault("Path"), $"{at}.Path");
        var method = Text(p.GetValueOrDefault("Method"), $"{at}.Method");
        var auth = p.GetValueOrDefault("Auth") as Dictionary<string, object?>;
        var authorizer = Text(auth?.GetValueOrDefault("Authorizer"), $"{at}.Auth.Authorizer");
        return new HttpApiRoute(
            functionId,
            eventName,
            apiId,
            path is null && method is null ? "ANY" : NormalizeMethod(method ?? "ANY"),
            path ?? "$default",
            authorizer, // the API's DefaultAuthorizer is applied once the APIs are read
            Strings(auth?.GetValueOrDefault("AuthorizationScopes"), $"{at}.Auth.AuthorizationScopes"),
            Text(p.GetValueOrDefault("PayloadFormatVersion"), at) ?? "2.0",
            p.ContainsKey("TimeoutInMillis") ? Int(p["TimeoutInMillis"], 30000, $"{at}.TimeoutInMillis") : null);
    }

    private static string NormalizeMethod(string method) => method.Equals("any", StringComparison.OrdinalIgnoreCase) ? "ANY" : method.ToUpperInvariant();

    // ------------------------------------------------------------------ HTTP APIs

    private Dictionary<string, HttpApiDefinition> ReadHttpApis(Dictionary<string, object?>? globals, List<HttpApiRoute> declaredRoutes)
    {
        var apis = new Dictionary<string, HttpApiDefinition>(StringComparer.Ordinal);
        var apiIds = ResourcesOfType("AWS::Serverless::HttpApi").ToList();
        foreach (var route in declaredRoutes)
            if (!apiIds.Contains(route.ApiLogicalId) && route.ApiLogicalId != HttpApiDefinition.ImplicitApiLogicalId)
                throw new TemplateException($"{_resolver.SourceName}: {route.FunctionLogicalId} attaches {route.RouteKey} to '{route.ApiLogicalId}', which is no AWS::Serverless::HttpApi.");
        if (declaredRoutes.Any(r => r.ApiLogicalId == HttpApiDefinition.ImplicitApiLogicalId)) apiIds.Add(HttpApiDefinition.ImplicitApiLogicalId);

        foreach (var id in apiIds)
        {
            var at = $"Resources.{id}.Properties";
            var raw = id == HttpApiDefinition.ImplicitApiLogicalId ? [] : RawProperties(id);
            var properties = _resolver.Resolve(GlobalsMerger.Merge(globals, raw), at) as Dictionary<string, object?> ?? [];
            var auth = properties.GetValueOrDefault("Auth") as Dictionary<string, object?>;
            var authorizers = new Dictionary<string, JwtAuthorizer>(StringComparer.Ordinal);
            if (auth?.GetValueOrDefault("Authorizers") is Dictionary<string, object?> declared)
            {
                foreach (var (name, value) in declared)
                {
                    if (value is not Dictionary<string, object?> a || a.GetValueOrDefault("JwtConfiguration") is not Dictionary<string, object?> jwt) continue;
                    var aAt = $"{at}.Auth.Authorizers.{name}";
                    // SAM accepts issuer/audience in either case.
                    var issuer = jwt.FirstOrDefault(kv => kv.Key.Equals("issuer", StringComparison.OrdinalIgnoreCase)).Value;
                    var audience = jwt.FirstOrDefault(kv => kv.Key.Equals("audience", StringComparison.OrdinalIgnoreCase)).Value;
                    authorizers[name] = new JwtAuthorizer(
                        name,
                        Text(a.GetValueOrDefault("IdentitySource"), aAt) ?? "$request.header.Authorization",
                        Text(issuer, $"{aAt}.JwtConfiguration.issuer") ?? "",
                        Strings(audience, $"{aAt}.JwtConfiguration.audience"),
                        Strings(a.GetValueOrDefault("AuthorizationScopes"), $"{aAt}.AuthorizationScopes"));
                }
            }
            var defaultAuthorizer = Text(auth?.GetValueOrDefault("DefaultAuthorizer"), $"{at}.Auth.DefaultAuthorizer");
            var routes = declaredRoutes.Where(r => r.ApiLogicalId == id).Select(r => ApplyDefaultAuthorizer(r, defaultAuthorizer, authorizers)).ToList();
            apis[id] = new HttpApiDefinition(id, authorizers, defaultAuthorizer, routes, properties);
        }
        return apis;
    }

    private HttpApiRoute ApplyDefaultAuthorizer(HttpApiRoute route, string? defaultAuthorizer, Dictionary<string, JwtAuthorizer> authorizers)
    {
        var name = route.AuthorizerName ?? defaultAuthorizer;
        if (name is null || name == "NONE") return route with { AuthorizerName = null };
        if (!authorizers.TryGetValue(name, out var authorizer))
            throw new TemplateException($"{_resolver.SourceName}: route {route.RouteKey} of {route.FunctionLogicalId} uses authorizer '{name}', which {route.ApiLogicalId} does not declare.");
        var scopes = route.AuthorizationScopes.Count > 0 ? route.AuthorizationScopes : authorizer.AuthorizationScopes;
        return route with { AuthorizerName = name, AuthorizationScopes = scopes };
    }

    private void CheckRoutes()
    {
        var duplicate = Routes.GroupBy(r => (r.ApiLogicalId, r.RouteKey)).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
            throw new TemplateException($"{_resolver.SourceName}: route {duplicate.Key.RouteKey} is declared by {string.Join(" and ", duplicate.Select(r => r.FunctionLogicalId))}.");
    }

    /// <summary>The route with this key ("POST /v1/me/totp/associate") on any API, or null.</summary>
    public HttpApiRoute? FindRoute(string routeKey) => Routes.FirstOrDefault(r => r.RouteKey == routeKey);

    // ------------------------------------------------------------------ tables

    private DynamoDbTable ReadTable(string id)
    {
        var at = $"Resources.{id}.Properties";
        var p = ResolveResourceProperties(id);
        var tableName = _resolver.ResourceRef(id, at);
        // A policy may be an intrinsic (Fn::If on a condition, as the template's tables use), as CloudFormation allows.
        var deletionPolicy = Text(_resolver.Resolve(_resolver.Resources[id].GetValueOrDefault("DeletionPolicy"), $"Resources.{id}.DeletionPolicy"), $"Resources.{id}.DeletionPolicy");

        if (_resolver.ResourceType(id) == "AWS::Serverless::SimpleTable")
        {
            var primary = p.GetValueOrDefault("PrimaryKey") as Dictionary<string, object?>;
            var keyName = Text(primary?.GetValueOrDefault("Name"), at) ?? "id";
            var keyType = (Text(primary?.GetValueOrDefault("Type"), at) ?? "String") switch { "Number" => "N", "Binary" => "B", _ => "S" };
            var sse = p.GetValueOrDefault("SSESpecification") as Dictionary<string, object?>;
            return new DynamoDbTable(id, tableName, new KeyAttribute(keyName, keyType), null, [], [], null,
                p.ContainsKey("ProvisionedThroughput") ? "PROVISIONED" : "PAY_PER_REQUEST",
                Bool(sse?.GetValueOrDefault("SSEEnabled")), false, deletionPolicy, p);
        }

        var types = new Dictionary<string, string>(StringComparer.Ordinal);
        if (p.GetValueOrDefault("AttributeDefinitions") is List<object?> definitions)
            foreach (var d in definitions.OfType<Dictionary<string, object?>>())
                if (Text(d.GetValueOrDefault("AttributeName"), at) is { } name)
                    types[name] = Text(d.GetValueOrDefault("AttributeType"), at) ?? "S";

        var (pk, sk) = ReadKeySchema(p.GetValueOrDefault("KeySchema"), types, $"{at}.KeySchema");
        var ttl = p.GetValueOrDefault("TimeToLiveSpecification") as Dictionary<string, object?>;
        var sseSpec = p.GetValueOrDefault("SSESpecification") as Dictionary<string, object?>;
        var pitr = p.GetValueOrDefault("PointInTimeRecoverySpecification") as Dictionary<string, object?>;
        return new DynamoDbTable(
            id,
            tableName,
            pk,
            sk,
            ReadIndexes(p.GetValueOrDefault("GlobalSecondaryIndexes"), types, $"{at}.GlobalSecondaryIndexes"),
            ReadIndexes(p.GetValueOrDefault("LocalSecondaryIndexes"), types, $"{at}.LocalSecondaryIndexes"),
            ttl is not null && Bool(ttl.GetValueOrDefault("Enabled")) ? Text(ttl.GetValueOrDefault("AttributeName"), at) : null,
            Text(p.GetValueOrDefault("BillingMode"), at) ?? "PROVISIONED",
            Bool(sseSpec?.GetValueOrDefault("SSEEnabled")),
            Bool(pitr?.GetValueOrDefault("PointInTimeRecoveryEnabled")),
            deletionPolicy,
            p);
    }

    private (KeyAttribute Partition, KeyAttribute? Sort) ReadKeySchema(object? schema, Dictionary<string, string> types, string at)
    {
        KeyAttribute? partition = null, sort = null;
        if (schema is List<object?> keys)
        {
            foreach (var key in keys.OfType<Dictionary<string, object?>>())
            {
                var name = Text(key.GetValueOrDefault("AttributeName"), at) ?? "";
                if (!types.TryGetValue(name, out var type))
                    throw new TemplateException($"{_resolver.SourceName}: {at} uses '{name}', which AttributeDefinitions does not declare.");
                var attribute = new KeyAttribute(name, type);
                if (Text(key.GetValueOrDefault("KeyType"), at) == "RANGE") sort = attribute; else partition = attribute;
            }
        }
        return (partition ?? throw new TemplateException($"{_resolver.SourceName}: {at} has no HASH key."), sort);
    }

    private List<SecondaryIndex> ReadIndexes(object? value, Dictionary<string, string> types, string at)
    {
        var result = new List<SecondaryIndex>();
        if (value is not List<object?> indexes) return result;
        foreach (var index in indexes.OfType<Dictionary<string, object?>>())
        {
            var name = Text(index.GetValueOrDefault("IndexName"), at) ?? "";
            var (pk, sk) = ReadKeySchema(index.GetValueOrDefault("KeySchema"), types, $"{at}.{name}.KeySchema");
            var projection = index.GetValueOrDefault("Projection") as Dictionary<string, object?>;
            result.Add(new SecondaryIndex(name, pk, sk,
                Text(projection?.GetValueOrDefault("ProjectionType"), at) ?? "ALL",
                Strings(projection?.GetValueOrDefault("NonKeyAttributes"), at)));
        }
        return result;
    }

    // ------------------------------------------------------------------ Cognito

    private UserPoolDefinition ReadUserPool(string id)
    {
        var at = $"Resources.{id}.Properties";
        var p = ResolveResourceProperties(id);
        return new UserPoolDefinition(
            id,
            _resolver.ResourceRef(id, at),
            Text(p.GetValueOrDefault("UserPoolName"), at),
            Text(p.GetValueOrDefault("MfaConfiguration"), $"{at}.MfaConfiguration") ?? "OFF",
            Strings(p.GetValueOrDefault("EnabledMfas"), $"{at}.EnabledMfas"),
            p);
    }

    private UserPoolClientDefinition ReadUserPoolClient(string id)
    {
        var at = $"Resources.{id}.Properties";
        var p = ResolveResourceProperties(id);
        return new UserPoolClientDefinition(
            id,
            _resolver.ResourceRef(id, at),
            RefTarget(RawProperties(id).GetValueOrDefault("UserPoolId")),
            Text(p.GetValueOrDefault("ClientName"), at),
            Strings(p.GetValueOrDefault("ExplicitAuthFlows"), $"{at}.ExplicitAuthFlows"),
            Bool(p.GetValueOrDefault("GenerateSecret")),
            p);
    }

    // ------------------------------------------------------------------ helpers

    private IEnumerable<string> ResourcesOfType(params string[] types) =>
        _resolver.Resources.Keys.Where(id => types.Contains(_resolver.ResourceType(id)) && _resolver.ResourceExists(id));

    private Dictionary<string, object?> RawProperties(string id) =>
        _resolver.Resources[id].GetValueOrDefault("Properties") as Dictionary<string, object?> ?? [];

    /// <summary>The logical id a raw <c>!Ref X</c> names, when X is a resource.</summary>
    private string? RefTarget(object? raw) =>
        raw is Intrinsic { Name: "Ref", Argument: string target } && _resolver.Resources.ContainsKey(target) ? target : null;

    private string? Text(object? value, string at) => value switch
    {
        null => null,
        string s => s,
        bool b => b ? "true" : "false",
        _ => throw new TemplateException($"{_resolver.SourceName}: {at} must be a single value, not a list or mapping."),
    };

    private List<string> Strings(object? value, string at) => value switch
    {
        null => [],
        string s => [s],
        List<object?> list => list.Select(item => Text(item, at) ?? "").ToList(),
        _ => throw new TemplateException($"{_resolver.SourceName}: {at} must be a list of strings."),
    };

    private int Int(object? value, int fallback, string at) => value switch
    {
        null => fallback,
        string s when int.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) => n,
        _ => throw new TemplateException($"{_resolver.SourceName}: {at} must be a whole number."),
    };

    private static bool Bool(object? value) => value switch
    {
        bool b => b,
        string s => s.Equals("true", StringComparison.OrdinalIgnoreCase),
        _ => false,
    };
}
