using System.Text;

namespace Enrollment.Core.Totp;

/// <summary>
/// The Key URI format authenticator apps scan:
/// otpauth://totp/{issuer}:{account}?secret=...&amp;issuer=...&amp;algorithm=SHA1&amp;digits=6&amp;period=30.
/// Issuer and account are percent-encoded (space is %20, never '+') and may not contain ':', which apps
/// use to split the label, so a ':' inside either is replaced before encoding.
/// </summary>
public static class OtpAuthUri
{
    public static string Build(string issuer, string accountName, string secretCode)
    {
        var encodedIssuer = Uri.EscapeDataString(LabelPart(issuer));
        var encodedAccount = Uri.EscapeDataString(LabelPart(accountName));
        return new StringBuilder("otpauth://totp/")
            .Append(encodedIssuer).Append(':').Append(encodedAccount)
            .Append("?secret=").Append(NormalizeSecret(secretCode))
            .Append("&issuer=").Append(encodedIssuer)
            .Append("&algorithm=SHA1&digits=6&period=30")
            .ToString();
    }

    /// <summary>
    /// The label text shown to the user: trimmed, without ':' (control characters become '-' too), and without the
    /// characters <see cref="DisplayNameRule"/> forbids, which would let a label render as another name.
    /// </summary>
    public static string LabelPart(string text)
    {
        var sb = new StringBuilder(text.Length);
        foreach (var ch in text.Trim())
            sb.Append(ch == ':' || char.IsControl(ch) ? '-' : ch);
        return DisplayNameRule.Strip(sb.ToString()).Trim();
    }

    /// <summary>Base32 in upper case without padding, as the Key URI format asks (moto returns lower case).</summary>
    public static string NormalizeSecret(string secretCode) => secretCode.Trim().TrimEnd('=').ToUpperInvariant();
}
