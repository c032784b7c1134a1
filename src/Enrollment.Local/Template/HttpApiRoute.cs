namespace Enrollment.Local.Template;

/// <summary>
/// One HttpApi event of a function: the route API Gateway serves and how it is authorized. A route with an
/// <see cref="AuthorizerName"/> needs a valid token; its claims reach the function in
/// <c>requestContext.authorizer.jwt.claims</c>.
/// </summary>
public sealed record HttpApiRoute(
    string FunctionLogicalId,
    string EventName,
    string ApiLogicalId,
    string Method,
    string Path,
    string? AuthorizerName,
    IReadOnlyList<string> AuthorizationScopes,
    string PayloadFormatVersion,
    int? TimeoutInMillis)
{
    /// <summary>As API Gateway writes it: "POST /v1/me/totp/associate", "ANY /{proxy+}" or "$default".</summary>
    public string RouteKey => Path == "$default" ? "$default" : $"{Method} {Path}";

    public bool RequiresAuthorization => AuthorizerName is not null;

    /// <summary>
    /// Whether a request matches this route; path parameters (<c>{id}</c>, greedy <c>{proxy+}</c>) are returned.
    /// ANY matches every method; "$default" matches everything.
    /// </summary>
    public bool TryMatch(string method, string path, out IReadOnlyDictionary<string, string> pathParameters)
    {
        pathParameters = new Dictionary<string, string>();
        if (Path == "$default") return true;
        if (Method != "ANY" && !string.Equals(Method, method, StringComparison.OrdinalIgnoreCase)) return false;

        var template = Path.Trim('/').Split('/', StringSplitOptions.RemoveEmptyEntries);
        var actual = path.Split('?', 2)[0].Trim('/').Split('/', StringSplitOptions.RemoveEmptyEntries);
        var parameters = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < template.Length; i++)
        {
            var segment = template[i];
            if (segment.StartsWith('{') && segment.EndsWith("+}"))
            {
                if (i >= actual.Length) return false;
                parameters[segment[1..^2]] = string.Join('/', actual[i..]);
                pathParameters = parameters;
                return true;
            }
            if (i >= actual.Length) return false;
            if (segment.StartsWith('{') && segment.EndsWith('}'))
                parameters[segment[1..^1]] = Uri.UnescapeDataString(actual[i]);
            else if (!string.Equals(segment, actual[i], StringComparison.Ordinal))
                return false;
        }
        if (actual.Length != template.Length) return false;
        pathParameters = parameters;
        return true;
    }
}
