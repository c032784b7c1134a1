using Enrollment.Core.Errors;
using Enrollment.Core.Identity;

namespace Enrollment.Core.Policy;

/// <summary>
/// The policy rules of the enrollment lifecycle (replace, disable, recovery codes). No I/O: each takes what
/// the caller, the policy and at most one earlier read (the user pool's answer) already say.
/// </summary>
public static class LifecycleRules
{
    /// <summary>
    /// The token's auth_time (when the user last typed their credentials; refreshing tokens keeps it) is at
    /// most enrollment.reauthenticationMaxAgeSeconds old. No auth_time counts as old.
    /// </summary>
    public static bool IsRecentSignIn(TenantPolicy policy, CallerContext caller, DateTimeOffset now) =>
        caller.AuthTime is { } signedInAt && now - signedInAt <= TimeSpan.FromSeconds(policy.Enrollment.ReauthenticationMaxAgeSeconds);

    public static void RequireRecentSignIn(TenantPolicy policy, CallerContext caller, DateTimeOffset now)
    {
        if (!IsRecentSignIn(policy, caller, now))
            throw EnrollmentException.Denied(ErrorReasons.ReauthenticationRequired,
                $"Sign in again: this needs a sign-in within the last {policy.Enrollment.ReauthenticationMaxAgeSeconds} seconds.");
    }

    /// <summary>
    /// Associating while a factor exists replaces it: only where the tenant allows it, or where the token says the
    /// user must enroll (our sign-in trigger sets that after a recovery-code sign-in: the old factor is lost), and
    /// always after a recent sign-in.
    /// </summary>
    public static void CheckReplacement(TenantPolicy policy, CallerContext caller, bool hasSoftwareToken, bool recentSignIn)
    {
        if (!hasSoftwareToken) return;
        if (!MayReplace(policy, caller))
            throw EnrollmentException.Denied(ErrorReasons.AlreadyEnrolled, "An authenticator is already set up and this tenant does not allow replacing it.");
        if (!recentSignIn)
            throw EnrollmentException.Denied(ErrorReasons.ReauthenticationRequired,
                $"Sign in again to replace your authenticator: this needs a sign-in within the last {policy.Enrollment.ReauthenticationMaxAgeSeconds} seconds.");
    }

    public static bool MayReplace(TenantPolicy policy, CallerContext caller) => policy.Enrollment.AllowReplace || caller.EnrollmentRequired;

    /// <summary>
    /// Whether the user pool must be asked if a factor exists before associating or verifying with an access token:
    /// a recent sign-in where replacing is allowed passes whatever the user has, so only then is the read skipped.
    /// Associate and verify both apply this and <see cref="CheckReplacement"/>: verify re-checks, because a stolen token
    /// can associate at Cognito directly and then only verify through us.
    /// </summary>
    public static bool MustReadFactor(TenantPolicy policy, CallerContext caller, bool recentSignIn) => !(MayReplace(policy, caller) && recentSignIn);

    /// <summary>
    /// New recovery codes come out of a verify only after a recent sign-in: codes remove a factor, so a token that is
    /// not fresh (it may be stolen) must not mint them. Where the tenant issues none, there are none either.
    /// </summary>
    public static bool IssuesRecoveryCodesOnVerify(TenantPolicy policy, bool recentSignIn) => policy.Recovery.CodeCount > 0 && recentSignIn;

    public static void RequireDisableAllowed(TenantPolicy policy)
    {
        if (policy.Mfa.Required && !policy.Mfa.AllowDisable)
            throw EnrollmentException.Denied(ErrorReasons.MfaRequired, "This tenant requires an authenticator; it cannot be removed.");
    }

    public static void RequireRecoveryCodesOn(TenantPolicy policy)
    {
        if (policy.Recovery.CodeCount == 0)
            throw EnrollmentException.Denied(ErrorReasons.RecoveryCodesDisabled, "This tenant does not use recovery codes.");
    }

    public static EnrollmentException NotEnrolled() =>
        new(ErrorCode.Conflict, "No authenticator is set up for this user.", ErrorReasons.NotEnrolled);
}
