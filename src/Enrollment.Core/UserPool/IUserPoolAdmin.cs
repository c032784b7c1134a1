namespace Enrollment.Core.UserPool;

/// <summary>
/// The IAM-signed (Admin*) user pool operations. Only the recovery and admin-reset functions are granted
/// them in the template.
/// </summary>
public interface IUserPoolAdmin
{
    /// <summary>
    /// AdminGetUser: the user as the pool knows them (its own spelling of the username, the sub, the tenant binding),
    /// or null when the pool has no such user. The pool compares usernames as it is configured to (template.yaml:
    /// case-insensitive), so no code of ours compares usernames.
    /// </summary>
    Task<Binding.UserBinding?> FindUserAsync(string username, CancellationToken cancellationToken);

    /// <summary>
    /// Removes the user's software token (AdminDeleteSoftwareToken); where the endpoint does not know that
    /// operation, turns the software-token preference off instead. Says which happened, for the audit item.
    /// </summary>
    Task<FactorRemoval> RemoveSoftwareTokenAsync(string username, CancellationToken cancellationToken);

    /// <summary>
    /// Signs the user out of every device (AdminUserGlobalSignOut): their refresh tokens stop minting tokens and
    /// the access tokens minted from them stop working on the user pool's token-authorized operations. Called
    /// after the factor is removed, so a lost phone's sessions end with it. Idempotent; fails with an
    /// <see cref="Errors.EnrollmentException"/>.
    /// </summary>
    Task SignOutEverywhereAsync(string username, CancellationToken cancellationToken);
}

public enum FactorRemoval
{
    /// <summary>AdminDeleteSoftwareToken removed the factor: the next sign-in of an MFA-required pool gets MFA_SETUP.</summary>
    Deleted,

    /// <summary>AdminSetUserMFAPreference turned the software token off (the factor stays associated).</summary>
    PreferenceDisabled,
}
