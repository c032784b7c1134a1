using Enrollment.Core.Enrollment;

namespace Enrollment.Core.Admin;

/// <summary>The wire and audit names of <see cref="FactorRemoval"/> (a switch the compiler checks, no reflection).</summary>
public static class FactorRemovalNames
{
    public const string Deleted = "FACTOR_DELETED";
    public const string PreferenceDisabled = "PREFERENCE_DISABLED";

    public static string Of(FactorRemoval removal) => removal switch
    {
        FactorRemoval.Deleted => Deleted,
        FactorRemoval.PreferenceDisabled => PreferenceDisabled,
        _ => throw new ArgumentOutOfRangeException(nameof(removal)),
    };
}
