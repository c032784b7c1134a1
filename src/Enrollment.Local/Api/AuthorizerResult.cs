namespace Enrollment.Local.Api;

/// <summary>
/// The JWT authorizer's answer. Allowed: the claims as API Gateway passes them (all strings) and the token's scopes.
/// Denied: the RFC 6750 error and a description, sent in <c>www-authenticate</c> as API Gateway does.
/// </summary>
public sealed record AuthorizerResult
{
    public bool IsAuthorized { get; private init; }

    public IReadOnlyDictionary<string, string> Claims { get; private init; } = new Dictionary<string, string>();

    public IReadOnlyList<string> Scopes { get; private init; } = [];

    public const string InsufficientScope = "insufficient_scope";

    /// <summary>invalid_token or <see cref="InsufficientScope"/>.</summary>
    public string? Error { get; private init; }

    public string? ErrorDescription { get; private init; }

    public static AuthorizerResult Allow(IReadOnlyDictionary<string, string> claims, IReadOnlyList<string> scopes) =>
        new() { IsAuthorized = true, Claims = claims, Scopes = scopes };

    public static AuthorizerResult Deny(string description, string error = "invalid_token") =>
        new() { IsAuthorized = false, Error = error, ErrorDescription = description };
}
