namespace Enrollment.Core.UserPool;

/// <summary>
/// The user pool's TOTP operations, as the enrollment workflow needs them. The adapter maps the user
/// pool's errors to <see cref="Errors.EnrollmentException"/> codes (wrong code, unauthorized, throttled).
/// </summary>
public interface IUserPoolTotp
{
    Task<UserPoolUser> GetUserAsync(string accessToken, CancellationToken cancellationToken);

    Task<TotpAssociation> AssociateAsync(TotpCredential credential, CancellationToken cancellationToken);

    /// <summary>Returns Success=false, or throws CodeMismatch, when the code is wrong.</summary>
    Task<TotpVerification> VerifyAsync(TotpCredential credential, string code, string? deviceName, CancellationToken cancellationToken);

    /// <summary>Turns the software token on and makes it the preferred MFA.</summary>
    Task SetSoftwareTokenPreferredAsync(string accessToken, CancellationToken cancellationToken);

    /// <summary>Turns the software token off and not preferred, with the user's own token (no IAM).</summary>
    Task DisableSoftwareTokenAsync(string accessToken, CancellationToken cancellationToken);
}

public sealed record UserPoolUser(string Username, string? Sub, bool HasSoftwareToken, string? PreferredMfa);

/// <summary>The secret and, on the session path, the next session. ToString is redacted.</summary>
public sealed record TotpAssociation(string SecretCode, string? Session)
{
    public override string ToString() => "TotpAssociation(redacted)";
}

/// <summary>The verify answer and, on the session path, the session to finish MFA_SETUP with. ToString is redacted.</summary>
public sealed record TotpVerification(bool Success, string? Session)
{
    public override string ToString() => $"TotpVerification(Success={Success})";
}
