using Enrollment.Core.Errors;

namespace Enrollment.Core.Identity;

/// <summary>
/// The one place that decides which routes accept a token with mfa_enrollment_only "true" (pre token generation sets it
/// after a recovery-code sign-in or once a grace period is over): only what it takes to enroll, associate, verify and
/// status. Such a token proves a password and a spent recovery code, not a factor, so removing a factor, minting
/// recovery codes or administering a tenant with it would turn one recovery code into full control.
/// </summary>
public static class EnrollmentOnlyTokens
{
    public static bool Accepts(SignedInOperation operation) =>
        operation is SignedInOperation.Associate or SignedInOperation.Verify or SignedInOperation.Status;

    public static void Require(CallerContext caller, SignedInOperation operation)
    {
        if (caller.EnrollmentOnly && !Accepts(operation))
            throw EnrollmentException.Denied(ErrorReasons.EnrollmentOnlyToken,
                "This token is good for setting up an authenticator only; set one up, sign in again with it, then retry.");
    }
}
