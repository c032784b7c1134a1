namespace Enrollment.Core.SignIn;

/// <summary>
/// When a user last signed in with a recovery code. Until an enrollment newer than that exists, the user's
/// tokens are for enrollment only (the lost authenticator is still the one Cognito knows).
/// Throws ServiceUnavailable when the store cannot be reached.
/// </summary>
public interface IRecoverySignInStore
{
    Task RecordAsync(string tenantId, string username, DateTimeOffset at, CancellationToken cancellationToken);

    Task<DateTimeOffset?> GetLastAsync(string tenantId, string username, CancellationToken cancellationToken);
}
