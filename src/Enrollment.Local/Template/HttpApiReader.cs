namespace Enrollment.Local.Template;

/// <summary>
/// Reads every AWS::Serverless::HttpApi (and the implicit one routes without ApiId land on) with its JWT
/// authorizers, and gives each route its API's DefaultAuthorizer and the authorizer's scopes, as API Gateway would.
/// </summary>
internal static class HttpApiReader
{
    public static Dictionary<string, HttpApiDefinition> Read(TemplateScope scope, Dictionary<string, object?>? globals, List<HttpApiRoute> declaredRoutes)
    {
        var apiIds = scope.ResourcesOfType("AWS::Serverless::HttpApi").ToList();
        foreach (var route in declaredRoutes)
            if (!apiIds.Contains(route.ApiLogicalId) && route.ApiLogicalId != HttpApiDefinition.ImplicitApiLogicalId)
                throw scope.Error($"{route.FunctionLogicalId} attaches {route.RouteKey} to '{route.ApiLogicalId}', which is no AWS::Serverless::HttpApi.");
        if (declaredRoutes.Any(r => r.ApiLogicalId == HttpApiDefinition.ImplicitApiLogicalId)) apiIds.Add(HttpApiDefinition.ImplicitApiLogicalId);

        var apis = apiIds.ToDictionary(id => id, id => ReadApi(scope, id, globals, declaredRoutes), StringComparer.Ordinal);
        var duplicate = apis.Values.SelectMany(a => a.Routes).GroupBy(r => (r.ApiLogicalId, r.RouteKey)).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
            throw scope.Error($"route {duplicate.Key.RouteKey} is declared by {string.Join(" and ", duplicate.Select(r => r.FunctionLogicalId))}.");
        return apis;
    }

    private static HttpApiDefinition ReadApi(TemplateScope scope, string id, Dictionary<string, object?>? globals, List<HttpApiRoute> declaredRoutes)
    {
        var at = $"Resources.{id}.Properties";
        var raw = id == HttpApiDefinition.ImplicitApiLogicalId ? [] : scope.RawProperties(id);
        var properties = scope.Resolver.Resolve(GlobalsMerger.Merge(globals, raw), at) as Dictionary<string, object?> ?? [];
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
                    scope.Text(a.GetValueOrDefault("IdentitySource"), aAt) ?? "$request.header.Authorization",
                    scope.Text(issuer, $"{aAt}.JwtConfiguration.issuer") ?? "",
                    scope.Strings(audience, $"{aAt}.JwtConfiguration.audience"),
                    scope.Strings(a.GetValueOrDefault("AuthorizationScopes"), $"{aAt}.AuthorizationScopes"));
            }
        }
        var defaultAuthorizer = scope.Text(auth?.GetValueOrDefault("DefaultAuthorizer"), $"{at}.Auth.DefaultAuthorizer");
        var routes = declaredRoutes.Where(r => r.ApiLogicalId == id).Select(r => ApplyAuthorizer(scope, r, defaultAuthorizer, authorizers)).ToList();
        return new HttpApiDefinition(id, authorizers, defaultAuthorizer, routes, properties);
    }

    private static HttpApiRoute ApplyAuthorizer(TemplateScope scope, HttpApiRoute route, string? defaultAuthorizer, Dictionary<string, JwtAuthorizer> authorizers)
    {
        var name = route.AuthorizerName ?? defaultAuthorizer;
        if (name is null || name == "NONE") return route with { AuthorizerName = null };
        if (!authorizers.TryGetValue(name, out var authorizer))
            throw scope.Error($"route {route.RouteKey} of {route.FunctionLogicalId} uses authorizer '{name}', which {route.ApiLogicalId} does not declare.");
        var scopes = route.AuthorizationScopes.Count > 0 ? route.AuthorizationScopes : authorizer.AuthorizationScopes;
        return route with { AuthorizerName = name, AuthorizationScopes = scopes };
    }
}
