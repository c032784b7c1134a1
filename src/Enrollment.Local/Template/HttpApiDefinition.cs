namespace Enrollment.Local.Template;

/// <summary>
/// An AWS::Serverless::HttpApi (or the implicit ServerlessHttpApi) with its authorizers and the routes that
/// functions attach to it.
/// </summary>
public sealed record HttpApiDefinition(
    string LogicalId,
    IReadOnlyDictionary<string, JwtAuthorizer> Authorizers,
    string? DefaultAuthorizer,
    IReadOnlyList<HttpApiRoute> Routes,
    IReadOnlyDictionary<string, object?> Properties)
{
    public const string ImplicitApiLogicalId = "ServerlessHttpApi";

    /// <summary>The route for a request, most specific first (literal paths before parameters, $default last).</summary>
    public HttpApiRoute? FindRoute(string method, string path, out IReadOnlyDictionary<string, string> pathParameters)
    {
        foreach (var route in Routes
                     .OrderBy(r => r.Path == "$default" ? 2 : r.Path.Contains('{') ? 1 : 0)
                     .ThenBy(r => r.Method == "ANY" ? 1 : 0)
                     .ThenByDescending(r => r.Path.Length))
        {
            if (route.TryMatch(method, path, out pathParameters)) return route;
        }
        pathParameters = new Dictionary<string, string>();
        return null;
    }
}
