namespace Enrollment.Functions.Wire;

// Request bodies of the TOTP routes. Unknown fields are ignored (apps evolve); wrong types are a 400.

public sealed record AssociateBody;

public sealed record MeVerifyBody(string? Code, string? DeviceName);

public sealed record ChallengeAssociateBody(string? Session, string? Username, string? ClientId);

public sealed record ChallengeVerifyBody(string? Session, string? Username, string? ClientId, string? Code, string? DeviceName);

// Response data.

public sealed record AssociateData(string SecretCode, string OtpauthUri, string Issuer, string AccountName, string? QrCodeSvg, string? Session);

/// <summary>RecoveryCodes: the new set, shown once, on the access-token path when the tenant issues codes.</summary>
public sealed record VerifyData(string Status, bool? MfaEnabled, string? Session, IReadOnlyList<string>? RecoveryCodes = null);

/// <summary>
/// POST /v1/challenge/totp/verify: the server finished MFA_SETUP itself, so the app gets Cognito's AuthenticationResult
/// (the session is consumed and no longer returned).
/// </summary>
public sealed record ChallengeVerifyData(string Status, AuthenticationResultData AuthenticationResult);

/// <summary>Cognito's AuthenticationResult in the contract's camelCase. Tokens: never logged, never audited.</summary>
public sealed record AuthenticationResultData(string AccessToken, string IdToken, string? RefreshToken, int ExpiresIn, string TokenType)
{
    public override string ToString() => "AuthenticationResultData(redacted)";
}
