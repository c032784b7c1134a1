using Enrollment.Core.Errors;
using Enrollment.Core.Identity;

namespace Enrollment.Core.Totp;

/// <summary>The shape rules for what a caller sends with a TOTP request, checked before any I/O.</summary>
public static class TotpInput
{
    public const int MaxDeviceNameLength = 64;
    public const int MinSessionLength = 20;
    public const int MaxSessionLength = 2048;

    public static string Code(string? code)
    {
        if (code is null || code.Length != 6 || !code.All(char.IsAsciiDigit))
            throw EnrollmentException.Invalid("code must be exactly 6 digits.", "code");
        return code;
    }

    public static string? DeviceName(string? name)
    {
        if (name is null) return null;
        var trimmed = name.Trim();
        if (trimmed.Length is 0 or > MaxDeviceNameLength || !DisplayNameRule.IsSafe(trimmed))
            throw EnrollmentException.Invalid($"deviceName must be 1-{MaxDeviceNameLength} characters, {DisplayNameRule.Requirement}.", "deviceName");
        return trimmed;
    }

    /// <summary>
    /// The account part of the Key URI label (the username): it must fit the QR code's budget
    /// (<see cref="KeyUriLimits.MaxAccountBytes"/> once percent-encoded). Checked before an attempt starts, so a label
    /// that could never be drawn is refused before anything is audited or asked of Cognito.
    /// </summary>
    public static string AccountLabel(string? username)
    {
        var account = username ?? "user";
        if (KeyUriLimits.EncodedLength(account) > KeyUriLimits.MaxAccountBytes)
            throw EnrollmentException.Invalid($"The username is too long for the authenticator's QR code (at most {KeyUriLimits.MaxAccountBytes} bytes once percent-encoded).", "username");
        return OtpAuthUri.LabelPart(account);
    }

    public static string Session(string? session)
    {
        if (session is null || session.Length is < MinSessionLength or > MaxSessionLength || session.Any(char.IsWhiteSpace))
            throw EnrollmentException.Invalid($"session must be the {MinSessionLength}-{MaxSessionLength} character session of an MFA_SETUP challenge.", "session");
        return session;
    }

    public static string Username(string? username)
    {
        if (!Identity.Username.IsValid(username))
            throw EnrollmentException.Invalid($"username must be {Identity.Username.Requirement}.", "username");
        return username!;
    }

    public static string ClientId(string? clientId)
    {
        if (!AppClientId.IsValid(clientId))
            throw EnrollmentException.Invalid("clientId must be an app client id.", "clientId");
        return clientId!;
    }
}
