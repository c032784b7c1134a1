using Enrollment.Core.Errors;
using Enrollment.Core.Identity;

namespace Enrollment.Core.Policy;

/// <summary>
/// The policy rules that need no I/O, checked before any network call: enabled, app client, app version,
/// source network. Throws the denial the caller sees.
/// </summary>
public static class EnrollmentGate
{
    public static void Check(CompiledTenantPolicy policy, CallerContext caller)
    {
        var rules = policy.Policy.Enrollment;
        if (!rules.Enabled)
            throw EnrollmentException.Denied(ErrorReasons.EnrollmentDisabled, "TOTP enrollment is disabled for this tenant.");

        if (!policy.AllowsClient(caller.ClientId))
            throw EnrollmentException.Denied(ErrorReasons.ClientNotAllowed, "This app client is not allowed to enroll TOTP for this tenant.");

        if (policy.MinAppVersion is { } min)
        {
            if (string.IsNullOrWhiteSpace(caller.AppVersion))
                throw EnrollmentException.Denied(ErrorReasons.AppVersionTooOld, $"This tenant requires the x-app-version header, at least {min}.");
            if (!SemanticVersion.TryParse(caller.AppVersion, out var version))
                throw EnrollmentException.Invalid("The x-app-version header must be a semantic version such as 2.1.0.", "x-app-version");
            if (version.CompareTo(min) < 0)
                throw EnrollmentException.Denied(ErrorReasons.AppVersionTooOld, $"This app version is too old for TOTP enrollment; update to {min} or later.");
        }

        if (!policy.Networks.Allows(caller.SourceIp))
            throw EnrollmentException.Denied(ErrorReasons.NetworkNotAllowed, "TOTP enrollment is not allowed from this network.");
    }
}
