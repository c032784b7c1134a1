namespace Enrollment.Core.UserPool;

/// <summary>The audit names of <see cref="FactorRemoval"/> (no reflection: a switch the compiler checks).</summary>
public static class FactorRemovalNames
{
    public static string Of(FactorRemoval removal) => removal switch
    {
        FactorRemoval.Deleted => "DELETED",
        FactorRemoval.PreferenceDisabled => "PREFERENCE_DISABLED",
        _ => throw new ArgumentOutOfRangeException(nameof(removal)),
    };
}
