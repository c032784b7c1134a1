namespace Enrollment.Core.Enrollment;

/// <summary>
/// The IAM-signed (Admin*) user pool operations. Only the recovery and admin-reset functions are granted
/// them in the template.
/// </summary>
public interface IUserPoolAdmin
{
    /// <summary>
    /// Removes the user's software token (AdminDeleteSoftwareToken); where the endpoint does not know that
    /// operation, turns the software-token preference off instead. Says which happened, for the audit item.
    /// </summary>
    Task<FactorRemoval> RemoveSoftwareTokenAsync(string username, CancellationToken cancellationToken);
}

public enum FactorRemoval
{
    /// <summary>AdminDeleteSoftwareToken removed the factor: the next sign-in of an MFA-required pool gets MFA_SETUP.</summary>
    Deleted,

    /// <summary>AdminSetUserMFAPreference turned the software token off (the factor stays associated).</summary>
    PreferenceDisabled,
}
