namespace Enrollment.Infrastructure.Cognito.Model;

/// <summary>The tokens of a finished sign-in. ToString never shows them.</summary>
public sealed record AuthenticationResult
{
    public string? AccessToken { get; init; }
    public string? IdToken { get; init; }
    public string? RefreshToken { get; init; }
    public int? ExpiresIn { get; init; }
    public string? TokenType { get; init; }

    public override string ToString() => $"AuthenticationResult {{ Tokens = (redacted), ExpiresIn = {ExpiresIn}, TokenType = {TokenType} }}";
}
