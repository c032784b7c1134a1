using Enrollment.Core.Errors;
using Enrollment.Core.Policy;

namespace Enrollment.Core.SignIn;

/// <summary>The <c>reason</c> of AUTH_CHALLENGE audit events and trigger logs: why a decision was taken.</summary>
public static class SignInReasons
{
    // Define: the next challenge.
    public const string PasswordVerifierNext = "PASSWORD_VERIFIER_NEXT";
    public const string RecoveryCodeAsked = "RECOVERY_CODE_ASKED";
    public const string EnrollmentGateAsked = "ENROLLMENT_GATE_ASKED";
    public const string ChallengeRetry = "CHALLENGE_RETRY";

    // Define: tokens.
    public const string MfaEnrolled = "MFA_ENROLLED";
    public const string MfaNotRequired = "MFA_NOT_REQUIRED";
    public const string EnrollmentGrace = "ENROLLMENT_GRACE";
    public const string EnrollmentOnly = "ENROLLMENT_ONLY";
    public const string Recovered = "RECOVERED";

    // Define: failures. The app sees the same NotAuthorizedException for every one of them.
    public const string PasswordFailed = "PASSWORD_FAILED";
    public const string MfaFailed = "MFA_FAILED";
    public const string ChallengeFailureLimit = "CHALLENGE_FAILURE_LIMIT";
    public const string RecoveryDisabled = "RECOVERY_DISABLED";
    public const string UnsupportedFlow = "UNSUPPORTED_FLOW";
    public const string UnexpectedChallenge = "UNEXPECTED_CHALLENGE";
    public const string UserNotFound = "USER_NOT_FOUND";
    public const string TenantNotFound = ErrorReasons.TenantNotFound;

    /// <summary>The app client belongs to another tenant than the user's binding (custom:tenant_id), or to none.</summary>
    public const string ClientOfAnotherTenant = "CLIENT_OF_ANOTHER_TENANT";

    /// <summary>The user has no binding (custom:tenant_id): a user of no tenant gets no tokens.</summary>
    public const string UserNotInTenant = "USER_NOT_IN_TENANT";

    /// <summary>session[] is longer than this flow can produce (<see cref="SignInStateMachine.MaxSessionEntries"/>).</summary>
    public const string SessionTooLong = "SESSION_TOO_LONG";

    /// <summary>A recovery sign-in whose sign-out everywhere (AdminUserGlobalSignOut) failed: no tokens.</summary>
    public const string SignOutFailed = "SIGN_OUT_FAILED";

    // Findings about the factor (their own audit event, besides the decision's).

    /// <summary>Cognito has a software token that was not set up through this service (no enrollment record).</summary>
    public const string FactorOutsidePolicy = "FACTOR_OUTSIDE_POLICY";

    /// <summary>Our enrollment record says enrolled, Cognito has no software token: removed outside the API.</summary>
    public const string FactorRemovedOutsideApi = "FACTOR_REMOVED_OUTSIDE_API";

    // Verify.
    public const string RecoveryCodeAccepted = "RECOVERY_CODE_ACCEPTED";
    public const string EnrollmentGateAcknowledged = "ENROLLMENT_GATE_ACKNOWLEDGED";
    public const string WrongAnswer = "WRONG_ANSWER";
    public const string RecoveryAttemptLimit = "RECOVERY_ATTEMPT_LIMIT";

    // Pre token generation.
    public const string TokensFullAccess = "TOKENS_FULL_ACCESS";
    public const string TokensEnrollmentGrace = "TOKENS_ENROLLMENT_GRACE";
    public const string TokensEnrollmentOnly = "TOKENS_ENROLLMENT_ONLY";

    /// <summary>Pre token generation for the client-credentials grant: no user, nothing this service decides.</summary>
    public const string ClientCredentialsUnsupported = "CLIENT_CREDENTIALS_UNSUPPORTED";

    /// <summary>Refusals by the policy or a limit (audit outcome DENIED); other failures are FAILED.</summary>
    public static bool IsDenial(string reason) => reason is ChallengeFailureLimit or RecoveryDisabled or UnsupportedFlow
        or UnexpectedChallenge or TenantNotFound or RecoveryAttemptLimit or ClientOfAnotherTenant or UserNotInTenant
        or SessionTooLong;
}
