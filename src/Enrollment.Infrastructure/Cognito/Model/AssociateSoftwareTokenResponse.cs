namespace Enrollment.Infrastructure.Cognito.Model;

public sealed record AssociateSoftwareTokenResponse
{
    /// <summary>The base32 TOTP secret (moto: always "asdfasdfasdf", lowercase, 12 characters).</summary>
    public string? SecretCode { get; init; }

    /// <summary>The next session, on the session path only.</summary>
    public string? Session { get; init; }

    public override string ToString() => $"AssociateSoftwareTokenResponse {{ SecretCode = (redacted), HasSession = {Session is not null} }}";
}
