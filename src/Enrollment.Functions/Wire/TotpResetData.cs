using Enrollment.Core.Admin;
using Enrollment.Core.Enrollment;

namespace Enrollment.Functions.Wire;

/// <summary>
/// The admin reset's answer: whose authenticator, and <paramref name="FactorRemoval"/> DELETED (the factor is
/// gone) or PREFERENCE_DISABLED (the endpoint lacked AdminDeleteSoftwareToken: TOTP is off, the factor stays associated).
/// </summary>
public sealed record TotpResetData(string Username, string FactorRemoval)
{
    public static TotpResetData Of(TotpResetResult result) => new(result.Username, FactorRemovalNames.Of(result.Removal));
}
