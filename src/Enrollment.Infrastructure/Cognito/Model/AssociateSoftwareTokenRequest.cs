namespace Enrollment.Infrastructure.Cognito.Model;

/// <summary>Exactly one of AccessToken (signed-in user) or Session (MFA_SETUP challenge).</summary>
public sealed record AssociateSoftwareTokenRequest
{
    public string? AccessToken { get; init; }
    public string? Session { get; init; }

    public override string ToString() => $"AssociateSoftwareTokenRequest {{ Credential = {(Session is null ? "AccessToken" : "Session")}(redacted) }}";
}
