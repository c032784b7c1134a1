
namespace Enrollment.Core.Totp;

/// <summary>
/// How long a Key URI may be so that its QR code can always be drawn. The QR code (QrCodeSvg) uses QRCoder at error
/// correction level M; the Key URI is ASCII with lower-case letters, so it is encoded in byte mode, where the largest
/// QR code (version 40) holds 2331 bytes at level M (ISO/IEC 18004 capacity table, which QRCoder implements; a longer
/// text makes it throw). The URI is fixed text, the secret, the issuer twice (label and parameter) and the account
/// once, all percent-encoded. Each part gets a budget, so every URI built from parts within them fits:
/// 66 fixed + 128 secret + 2 x 600 issuer + 937 account = 2331.
/// </summary>
public static class KeyUriLimits
{
    /// <summary>QR version 40, error correction M, byte mode.</summary>
    public const int MaxKeyUriBytes = 2331;

    /// <summary>"otpauth://totp/" ":" "?secret=" "&amp;issuer=" "&amp;algorithm=SHA1&amp;digits=6&amp;period=30".</summary>
    public const int FixedBytes = 15 + 1 + 8 + 8 + 34;

    /// <summary>Cognito's SecretCode has no documented maximum (min 16, [A-Za-z0-9]+); its secrets are far shorter than this.</summary>
    public const int ReservedSecretBytes = 128;

    /// <summary>The issuer (the tenant's display name, else its id), percent-encoded: checked when a policy is written.</summary>
    public const int MaxIssuerBytes = 600;

    /// <summary>The account (the username), percent-encoded: checked before an association is attempted.</summary>
    public const int MaxAccountBytes = MaxKeyUriBytes - FixedBytes - ReservedSecretBytes - 2 * MaxIssuerBytes;

    /// <summary>The length a label part takes in the Key URI.</summary>
    public static int EncodedLength(string labelPart) => Uri.EscapeDataString(OtpAuthUri.LabelPart(labelPart)).Length;
}
