using Enrollment.Core.Admin;
using Enrollment.Core.UserPool;

namespace Enrollment.Functions.Wire;

/// <summary>
/// The admin reset's answer: whose authenticator, <paramref name="FactorRemoval"/> DELETED (the factor is gone) or
/// PREFERENCE_DISABLED (the endpoint lacked AdminDeleteSoftwareToken: TOTP is off, the factor stays associated), and
/// <paramref name="SignedOut"/>: false when the global sign-out after the removal failed (the removal stands; the
/// lost phone's sessions may still work until they expire or the pool operator signs the user out).
/// </summary>
public sealed record TotpResetData(string Username, string FactorRemoval, bool SignedOut)
{
    public static TotpResetData Of(TotpResetResult result) => new(result.Username, FactorRemovalNames.Of(result.Removal), result.SignedOut);
}
