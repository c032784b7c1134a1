namespace Enrollment.Local.Template;

/// <summary>An HttpApi JWT authorizer, resolved: the issuer and audience a token must match.</summary>
public sealed record JwtAuthorizer(
    string Name,
    string IdentitySource,
    string Issuer,
    IReadOnlyList<string> Audience,
    IReadOnlyList<string> AuthorizationScopes);
