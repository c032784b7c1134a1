using System.Text.Json;

namespace Enrollment.Functions.Wire;

/// <summary>
/// API Gateway HTTP API payload format 2.0, the fields we read. Shaped like Amazon.Lambda.APIGatewayEvents'
/// APIGatewayHttpApiV2ProxyRequest so the official package can replace it.
/// </summary>
public sealed record HttpApiRequest
{
    public string? Version { get; init; }
    public string? RouteKey { get; init; }
    public string? RawPath { get; init; }
    public string? RawQueryString { get; init; }
    public Dictionary<string, string>? Headers { get; init; }
    public Dictionary<string, string>? QueryStringParameters { get; init; }
    public Dictionary<string, string>? PathParameters { get; init; }
    public string? Body { get; init; }
    public bool IsBase64Encoded { get; init; }
    public HttpApiRequestContext? RequestContext { get; init; }

    public string? Header(string name) =>
        Headers is not null && Headers.TryGetValue(name, out var value) ? value : null;

    public string? Query(string name) =>
        QueryStringParameters is not null && QueryStringParameters.TryGetValue(name, out var value) ? value : null;
}

public sealed record HttpApiRequestContext
{
    public string? AccountId { get; init; }
    public string? ApiId { get; init; }
    public string? DomainName { get; init; }
    public string? RequestId { get; init; }
    public string? RouteKey { get; init; }
    public string? Stage { get; init; }
    public string? Time { get; init; }
    public long TimeEpoch { get; init; }
    public HttpApiHttpDescription? Http { get; init; }
    public HttpApiAuthorizer? Authorizer { get; init; }
}

public sealed record HttpApiHttpDescription
{
    public string? Method { get; init; }
    public string? Path { get; init; }
    public string? Protocol { get; init; }
    public string? SourceIp { get; init; }
    public string? UserAgent { get; init; }
}

public sealed record HttpApiAuthorizer
{
    public HttpApiJwtDescription? Jwt { get; init; }
}

public sealed record HttpApiJwtDescription
{
    /// <summary>API Gateway passes claims as strings; JsonElement tolerates hand-written events with numbers.</summary>
    public Dictionary<string, JsonElement>? Claims { get; init; }
    public List<string>? Scopes { get; init; }
}
