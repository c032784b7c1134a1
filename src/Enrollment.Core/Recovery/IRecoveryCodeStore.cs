
namespace Enrollment.Core.Recovery;

/// <summary>
/// A user's current set of recovery codes. Consuming a code (the base interface) is one conditional write;
/// replacing the set is atomic, so from the moment <see cref="ReplaceAsync"/> returns no code of the old set
/// is accepted. Throws ServiceUnavailable when the store cannot be reached.
/// </summary>
public interface IRecoveryCodeStore : IRecoveryCodeVerifier
{
    /// <summary>The store's hashing (with the deployment's pepper): the issuer hashes new codes with the same one.</summary>
    RecoveryCodeHasher Hasher { get; }

    /// <summary>Replaces the user's set (or creates the first). CONFLICT when another replacement won a race.</summary>
    Task ReplaceAsync(string tenantId, string userSub, RecoveryCodeSet set, CancellationToken cancellationToken);

    /// <summary>Unused codes of the current set; 0 when there is none.</summary>
    Task<int> CountRemainingAsync(string tenantId, string userSub, CancellationToken cancellationToken);

    Task DeleteAllAsync(string tenantId, string userSub, CancellationToken cancellationToken);
}
