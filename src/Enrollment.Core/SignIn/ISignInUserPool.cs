namespace Enrollment.Core.SignIn;

/// <summary>
/// What the sign-in triggers ask the user pool itself (IAM-signed, on the pool named in the event; the template
/// grants these calls on the stack's pool only). Cognito is the source of truth for "has a factor": our
/// enrollment record is metadata. Both calls fail with an <see cref="Errors.EnrollmentException"/> (fail closed),
/// within a short attempt timeout so a trigger still answers inside Cognito's 5 s.
/// </summary>
public interface ISignInUserPool
{
    /// <summary>AdminGetUser: whether <c>UserMFASettingList</c> lists SOFTWARE_TOKEN_MFA.</summary>
    Task<bool> HasSoftwareTokenAsync(string userPoolId, string username, CancellationToken cancellationToken);

    /// <summary>AdminUserGlobalSignOut: every refresh token of the user stops working. Safe to repeat.</summary>
    Task SignOutEverywhereAsync(string userPoolId, string username, CancellationToken cancellationToken);
}
