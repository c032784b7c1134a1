namespace Enrollment.Core.Errors;

/// <summary>
/// What the caller is told when the user pool (Cognito) refuses or fails: every message and reason in the contract's
/// words. The adapter in Infrastructure decides which of these a Cognito error type is; the text is only here, so
/// nothing from the service, the request or the credential can reach the caller.
/// </summary>
public static class UserPoolFailures
{
    public const string WrongCodeMessage = "The code is wrong or expired.";
    public const string UnauthorizedMessage = "The access token or session is invalid or expired.";
    public const string RateLimitedMessage = "Too many requests to the user pool; try again later.";
    public const string UpstreamMessage = "The user pool could not complete the request.";
    public const string UserNotInPoolMessage = "The user does not exist in the user pool.";
    public const string AssociateAgainMessage = "No authenticator is being set up for this user; call associate again, then verify with a code from the new secret.";

    /// <summary>For the sign-in triggers, which only ask about a user (AdminGetUser) or sign them out.</summary>
    public const string SignInLookupMessage = "The user pool could not be asked about the user.";

    /// <summary>
    /// AWS: "You must provide a SECRET_HASH parameter in all challenge responses to an app client that has a client
    /// secret" (RespondToAuthChallenge, ChallengeResponses); without it Cognito answers NotAuthorizedException, as it
    /// does for an expired or unknown session. The error type alone cannot tell the two apart, so the message names both.
    /// </summary>
    public const string MfaSetupNotCompletedMessage =
        "Cognito did not finish the MFA_SETUP sign-in: the session is invalid or expired, or the app client has a client secret " +
        "(this route sends no SECRET_HASH; use an app client without a secret). Sign in again.";

    /// <summary>Cognito's per-second quotas refill quickly; a short pause is enough.</summary>
    public const int ThrottledRetryAfterSeconds = 1;

    /// <summary>LimitExceededException is a longer-lived limit (attempt counts, resource quotas).</summary>
    public const int LimitExceededRetryAfterSeconds = 5;

    /// <summary>A wrong or already used code (also VerifySoftwareToken's Status ERROR, which is not an exception).</summary>
    public static EnrollmentException WrongCode() => new(ErrorCode.CodeMismatch, WrongCodeMessage);

    /// <summary>The caller's access token or session is no good (any more) for this call.</summary>
    public static EnrollmentException Unauthorized() => new(ErrorCode.Unauthorized, UnauthorizedMessage);

    /// <summary>The pool, its configuration, our role or the network failed: nothing the caller can fix.</summary>
    public static EnrollmentException Upstream(string? reason = null) => new(ErrorCode.UpstreamError, UpstreamMessage, reason);

    public static EnrollmentException Throttled(bool longLived) =>
        new(ErrorCode.RateLimited, RateLimitedMessage, retryAfterSeconds: longLived ? LimitExceededRetryAfterSeconds : ThrottledRetryAfterSeconds);

    public static EnrollmentException ConcurrentModification() =>
        new(ErrorCode.Conflict, "The user's MFA settings changed at the same time; try again.", ErrorReasons.ConcurrentModification);

    /// <summary>SetUserMFAPreference before a successful verify: a state conflict, not a bad request.</summary>
    public static EnrollmentException SoftwareTokenNotVerified() =>
        new(ErrorCode.Conflict, "The software token must be verified before it can be preferred.", ErrorReasons.SoftwareTokenNotVerified);

    /// <summary>Verify found no associated software token for this user: the app associates again.</summary>
    public static EnrollmentException SoftwareTokenNotAssociated() =>
        new(ErrorCode.Conflict, AssociateAgainMessage, ErrorReasons.SoftwareTokenNotAssociated);

    /// <summary>Associate: TOTP is not activated for the user pool, a configuration state retrying will not change.</summary>
    public static EnrollmentException SoftwareTokenMfaUnavailable() =>
        new(ErrorCode.Conflict, "TOTP is not available for this user pool.", ErrorReasons.SoftwareTokenMfaUnavailable);

    /// <summary>An IAM operation's target user is gone: the administrator's token is fine.</summary>
    public static EnrollmentException UserNotInPool() => new(ErrorCode.NotFound, UserNotInPoolMessage);

    public static EnrollmentException MfaSetupNotCompleted() =>
        new(ErrorCode.Unauthorized, MfaSetupNotCompletedMessage, ErrorReasons.MfaSetupNotCompleted);

    /// <param name="challengeName">Echoed only when it is a challenge name (upper-case letters and '_'), else "unknown".</param>
    public static EnrollmentException UnexpectedChallenge(string challengeName) =>
        new(ErrorCode.Conflict,
            $"Cognito asked for another challenge ({Printable(challengeName)}) instead of issuing tokens; the authenticator is set up, so sign in again.",
            ErrorReasons.UnexpectedChallenge);

    /// <summary>A sign-in trigger (pre token generation, for one) refused: the tenant's sign-in rules said no.</summary>
    public static EnrollmentException SignInRefused() =>
        EnrollmentException.Denied(ErrorReasons.SignInRefused, "The user pool's sign-in rules refused to issue tokens for this user and app client.");

    /// <summary>The triggers fail closed with one fixed answer whatever Cognito said.</summary>
    public static EnrollmentException SignInLookupFailed() => new(ErrorCode.UpstreamError, SignInLookupMessage);

    private static string Printable(string name) =>
        name.Length is > 0 and <= 32 && name.All(c => char.IsAsciiLetterUpper(c) || c == '_') ? name : "unknown";
}
