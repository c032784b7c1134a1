using Enrollment.Core.Errors;

namespace Enrollment.Core.UserPool;

/// <summary>
/// The sign-out that follows a removed factor (recovery, admin reset), and how the audit item names its outcome
/// (attribute <c>signOut</c>): <see cref="SignedOut"/>, or the failure's reason as the <c>reason</c> attribute
/// would write it (e.g. UPSTREAM_ERROR, RATE_LIMITED). A failure is recorded, never thrown: the factor is already
/// gone, and the flow must still say so and clean up.
/// </summary>
public static class GlobalSignOut
{
    public const string SignedOut = "SIGNED_OUT";

    /// <returns>The audit value: <see cref="SignedOut"/> or why not.</returns>
    public static async Task<string> AttemptAsync(IUserPoolAdmin userPoolAdmin, string username, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(userPoolAdmin);
        try
        {
            await userPoolAdmin.SignOutEverywhereAsync(username, cancellationToken);
            return SignedOut;
        }
        catch (EnrollmentException failure)
        {
            return failure.Reason ?? ErrorCodeNames.Of(failure.Code);
        }
    }
}
