namespace Enrollment.Local.Template;

/// <summary>
/// Reads every AWS::Serverless::Function: Globals.Function merged in, handler, environment, its HttpApi events
/// (as declared; the API's default authorizer is applied by <see cref="HttpApiReader"/>) and its Cognito triggers.
/// </summary>
internal static class FunctionReader
{
    public static Dictionary<string, SamFunction> Read(TemplateScope scope, Dictionary<string, object?>? globals) =>
        scope.ResourcesOfType("AWS::Serverless::Function").ToDictionary(id => id, id => ReadFunction(scope, id, globals), StringComparer.Ordinal);

    private static SamFunction ReadFunction(TemplateScope scope, string id, Dictionary<string, object?>? globals)
    {
        var merged = GlobalsMerger.Merge(globals, scope.RawProperties(id));
        var at = $"Resources.{id}.Properties";
        var properties = scope.Resolver.Resolve(merged, at) as Dictionary<string, object?> ?? [];

        var environment = new Dictionary<string, string>(StringComparer.Ordinal);
        if (properties.GetValueOrDefault("Environment") is Dictionary<string, object?> env
            && env.GetValueOrDefault("Variables") is Dictionary<string, object?> variables)
        {
            foreach (var (name, value) in variables)
                environment[name] = scope.Text(value, $"{at}.Environment.Variables.{name}") ?? "";
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
                        httpEvents.Add(ReadHttpApiEvent(scope, id, eventName, eventProps, rawEventProps, eventAt));
                        break;
                    case "Cognito":
                        cognitoEvents.Add(new CognitoTrigger(
                            id, eventName,
                            scope.RefTarget(rawEventProps?.GetValueOrDefault("UserPool")) ?? scope.Text(eventProps.GetValueOrDefault("UserPool"), eventAt) ?? "",
                            scope.Strings(eventProps.GetValueOrDefault("Trigger"), $"{eventAt}.Trigger")));
                        break;
                }
            }
        }

        return new SamFunction(
            id,
            scope.Text(properties.GetValueOrDefault("Handler"), $"{at}.Handler") ?? throw scope.Error($"function {id} has no Handler."),
            scope.Text(properties.GetValueOrDefault("Runtime"), $"{at}.Runtime"),
            scope.Strings(properties.GetValueOrDefault("Architectures"), $"{at}.Architectures") is { Count: > 0 } arch ? arch : ["x86_64"],
            properties.GetValueOrDefault("CodeUri") as string,
            scope.Int(properties.GetValueOrDefault("MemorySize"), 128, $"{at}.MemorySize"),
            scope.Int(properties.GetValueOrDefault("Timeout"), 3, $"{at}.Timeout"),
            environment,
            httpEvents,
            cognitoEvents,
            properties);
    }

    private static HttpApiRoute ReadHttpApiEvent(
        TemplateScope scope, string functionId, string eventName, Dictionary<string, object?> p, Dictionary<string, object?>? raw, string at)
    {
        var apiId = scope.RefTarget(raw?.GetValueOrDefault("ApiId")) ?? scope.Text(p.GetValueOrDefault("ApiId"), at) ?? HttpApiDefinition.ImplicitApiLogicalId;
        var path = scope.Text(p.GetValueOrDefault("Path"), $"{at}.Path");
        var method = scope.Text(p.GetValueOrDefault("Method"), $"{at}.Method");
        var auth = p.GetValueOrDefault("Auth") as Dictionary<string, object?>;
        return new HttpApiRoute(
            functionId,
            eventName,
            apiId,
            path is null && method is null ? "ANY" : NormalizeMethod(method ?? "ANY"),
            path ?? "$default",
            scope.Text(auth?.GetValueOrDefault("Authorizer"), $"{at}.Auth.Authorizer"), // the API's default is applied later
            scope.Strings(auth?.GetValueOrDefault("AuthorizationScopes"), $"{at}.Auth.AuthorizationScopes"),
            scope.Text(p.GetValueOrDefault("PayloadFormatVersion"), at) ?? "2.0",
            p.ContainsKey("TimeoutInMillis") ? scope.Int(p["TimeoutInMillis"], 30000, $"{at}.TimeoutInMillis") : null);
    }

    private static string NormalizeMethod(string method) => method.Equals("any", StringComparison.OrdinalIgnoreCase) ? "ANY" : method.ToUpperInvariant();
}
