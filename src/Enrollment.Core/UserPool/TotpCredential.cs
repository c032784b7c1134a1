namespace Enrollment.Core.UserPool;

/// <summary>
/// What proves the user to Cognito: an access token (signed-in path) or an MFA_SETUP session (mid sign-in).
/// ToString is redacted so the value cannot slip into a log or an exception message.
/// </summary>
public sealed class TotpCredential
{
    private TotpCredential(TotpCredentialKind kind, string value)
    {
        Kind = kind;
        Value = value;
    }

    public TotpCredentialKind Kind { get; }
    public string Value { get; }

    public static TotpCredential AccessToken(string token) => new(TotpCredentialKind.AccessToken, token);
    public static TotpCredential Session(string session) => new(TotpCredentialKind.Session, session);

    public override string ToString() => $"{Kind}(redacted)";
}

public enum TotpCredentialKind
{
    AccessToken,
    Session,
}
