using Enrollment.Core.Errors;

namespace Enrollment.Infrastructure.Cognito;

/// <summary>
/// The one place that decides which of the public failures (<see cref="UserPoolFailures"/>, in Core) a Cognito
/// failure is. It composes no text: nothing from the service, the request or the credential reaches the caller.
/// <para>
/// One map, two classes of operation. On the token operations (the caller's access token or session authorizes
/// the call) NotAuthorized, ResourceNotFound, UserNotFound and InvalidParameter are about that credential: 401. On
/// the IAM operations (Admin*: this function's role authorizes the call) the same names are about the target user or
/// the pool, never the caller, whose token the API already verified: an unknown user is 404, the rest 502 (the
/// pool, its configuration or our role is wrong; nothing the caller can fix).
/// </para>
/// </summary>
public static class CognitoErrorMap
{
    public static bool CanMap(Exception failure) => failure is CognitoServiceException or CognitoTransportException;

    public static EnrollmentException ToEnrollmentException(Exception failure) => failure switch
    {
        CognitoServiceException service => FromService(service),
        // Timeouts, refused connections, unreadable answers, missing credentials: nothing the caller can fix.
        CognitoTransportException => UserPoolFailures.Upstream(),
        _ => throw new ArgumentException("Not a Cognito failure.", nameof(failure)),
    };

    private static EnrollmentException FromService(CognitoServiceException failure) =>
        Shared(failure) ?? (CognitoOperation.IsIamAuthorized(failure.Operation) ? FromIamOperation(failure) : FromTokenOperation(failure));

    /// <summary>What means the same on every operation: throttling (a bare 429 included), concurrent changes.</summary>
    private static EnrollmentException? Shared(CognitoServiceException failure)
    {
        if (CognitoRetryRules.IsThrottling(failure))
            return UserPoolFailures.Throttled(longLived: failure.ErrorType == "LimitExceededException");
        return failure.ErrorType == "ConcurrentModificationException" ? UserPoolFailures.ConcurrentModification() : null;
    }

    /// <summary>The caller's access token or session authorizes these: their refusals are about that credential.</summary>
    private static EnrollmentException FromTokenOperation(CognitoServiceException failure) => failure.ErrorType switch
    {
        // AWS says EnableSoftwareTokenMFAException, moto CodeMismatchException; ExpiredCodeException is a code
        // already used (it is about the code, not the session: an expired session is NotAuthorizedException).
        "EnableSoftwareTokenMFAException" or "CodeMismatchException" or "ExpiredCodeException" => UserPoolFailures.WrongCode(),

        // The credential is no good for this user any more. ResourceNotFoundException is how moto (and AWS for a
        // deleted pool) reports an unknown session; a deleted or unconfirmed user cannot act with the token either,
        // and answering NOT_FOUND on the session path would reveal whether a username exists.
        "NotAuthorizedException" or "ResourceNotFoundException" or "UserNotFoundException"
            or "UserNotConfirmedException" or "PasswordResetRequiredException" => UserPoolFailures.Unauthorized(),

        // SetUserMFAPreference refuses before a successful verify: a state conflict, not a bad request.
        "InvalidParameterException" or "ValidationException" when failure.Operation == CognitoOperation.SetUserMfaPreference.Name =>
            UserPoolFailures.SoftwareTokenNotVerified(),

        // The code, device name and body are validated before we call, so what is left to be invalid is the
        // token or session (pattern, length, or both/neither given).
        "InvalidParameterException" or "ValidationException" => UserPoolFailures.Unauthorized(),

        // On verify it is about this user: no software token is associated (never associated, or replaced, or
        // removed since): "does not exist for the user". The app associates again.
        "SoftwareTokenMFANotFoundException" when failure.Operation == CognitoOperation.VerifySoftwareToken.Name =>
            UserPoolFailures.SoftwareTokenNotAssociated(),

        // On associate, TOTP is not activated for the user pool: a configuration state retrying will not change.
        "SoftwareTokenMFANotFoundException" =>
            UserPoolFailures.SoftwareTokenMfaUnavailable(),

        // InternalErrorException, ForbiddenException (WAF), InvalidUserPoolConfigurationException, any 5xx,
        // anything unknown.
        _ => UserPoolFailures.Upstream(),
    };

    /// <summary>This function's IAM role authorizes these: their refusals are about the target user or the pool.</summary>
    private static EnrollmentException FromIamOperation(CognitoServiceException failure) => failure.ErrorType switch
    {
        // The target user is gone (deleted in the console, say): the administrator's token is fine.
        "UserNotFoundException" => UserPoolFailures.UserNotInPool(),

        // ResourceNotFound (the pool: USER_POOL_ID), NotAuthorized and InvalidParameter (the user's or the pool's
        // state), OperationNotEnabled, InternalError, any 5xx, anything unknown: the upstream failed, not the caller.
        _ => UserPoolFailures.Upstream(),
    };
}
