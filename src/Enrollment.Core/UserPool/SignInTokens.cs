namespace Enrollment.Core.UserPool;

/// <summary>Cognito's AuthenticationResult, handed to the app once. ToString never shows a token.</summary>
public sealed record SignInTokens(string AccessToken, string IdToken, string? RefreshToken, int ExpiresIn, string TokenType)
{
    public override string ToString() => $"SignInTokens(redacted, ExpiresIn={ExpiresIn}, TokenType={TokenType})";
}
