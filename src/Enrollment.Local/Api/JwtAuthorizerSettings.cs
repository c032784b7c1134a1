using Enrollment.Local.Template;

namespace Enrollment.Local.Api;

/// <summary>
/// How the local gateway checks tokens for one of the template's JWT authorizers. The issuer is what the token's
/// <c>iss</c> must say (a Cognito URL); the key set is fetched from <see cref="JwksUri"/>, which for the emulator is
/// not under the issuer's host. <see cref="VerifyToken"/> false passes the token's claims through unchecked.
/// </summary>
public sealed record JwtAuthorizerSettings(
    string Name,
    string IdentitySource,
    string Issuer,
    IReadOnlyList<string> Audience,
    Uri? JwksUri,
    bool VerifyToken = true)
{
    /// <summary>The Cognito key set URL for an issuer: {issuer}/.well-known/jwks.json.</summary>
    public static Uri DefaultJwksUri(string issuer) => new(issuer.TrimEnd('/') + "/.well-known/jwks.json");

    public static JwtAuthorizerSettings FromTemplate(JwtAuthorizer authorizer, Uri? jwksUri, bool verifyToken = true) =>
        new(authorizer.Name, authorizer.IdentitySource, authorizer.Issuer, authorizer.Audience, jwksUri, verifyToken);
}
