namespace Enrollment.Infrastructure.Cognito.Model;

public sealed record VerifySoftwareTokenRequest
{
    public string? AccessToken { get; init; }
    public string? Session { get; init; }

    /// <summary>The 6-digit TOTP code: single use, never logged.</summary>
    public required string UserCode { get; init; }

    /// <summary>Write-only in Cognito: no response returns it.</summary>
    public string? FriendlyDeviceName { get; init; }

    public override string ToString() => $"VerifySoftwareTokenRequest {{ Credential = {(Session is null ? "AccessToken" : "Session")}(redacted), UserCode = (redacted) }}";
}
