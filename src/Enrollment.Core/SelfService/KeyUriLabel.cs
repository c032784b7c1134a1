using Enrollment.Core.Errors;
using Enrollment.Core.Policy;
using Enrollment.Core.Totp;

namespace Enrollment.Core.SelfService;

/// <summary>The issuer part of the Key URI label, within the QR code's budget (<see cref="KeyUriLimits"/>).</summary>
public static class KeyUriLabel
{
    /// <summary>
    /// The tenant's display name (else its id) as the label shows it. Policies are checked when written; a policy
    /// stored before that check with a name too long for the QR code is refused here, before Cognito is asked.
    /// </summary>
    public static string Issuer(TenantPolicy policy)
    {
        var issuer = OtpAuthUri.LabelPart(policy.Issuer);
        if (Uri.EscapeDataString(issuer).Length > KeyUriLimits.MaxIssuerBytes)
            throw EnrollmentException.Invalid($"The tenant's display name is too long for the authenticator's QR code (at most {KeyUriLimits.MaxIssuerBytes} bytes once percent-encoded); an administrator must shorten it.", "displayName");
        return issuer;
    }
}
