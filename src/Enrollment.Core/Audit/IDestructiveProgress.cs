namespace Enrollment.Core.Audit;

/// <summary>
/// How far a destructive action got, for its outcome audit item: when its intent item was written, how the factor
/// was removed, how the sign-out went. Each is set as it happens, so an outcome written after a failure says it.
/// </summary>
public interface IDestructiveProgress
{
    /// <summary>The intent item's time (the outcome item sorts after it); null until it is written.</summary>
    DateTimeOffset? IntentAt { get; set; }

    /// <summary>DELETED or PREFERENCE_DISABLED once the factor is removed (<see cref="UserPool.FactorRemovalNames"/>).</summary>
    string? FactorRemoval { get; set; }

    /// <summary>SIGNED_OUT or why not (<see cref="UserPool.GlobalSignOut"/>).</summary>
    string? SignOut { get; set; }
}
