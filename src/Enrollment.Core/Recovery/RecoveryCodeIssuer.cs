namespace Enrollment.Core.Recovery;

/// <summary>Makes a new set of recovery codes, stores only its hashes, and hands the plaintext back once.</summary>
public sealed class RecoveryCodeIssuer(IRecoveryCodeStore store, TimeProvider time)
{
    /// <param name="userSub">The user's immutable sub: codes are never keyed by a username, which can be reused.</param>
    public async Task<IssuedRecoveryCodes> IssueAsync(string tenantId, string userSub, int count, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        // Distinct, because each hash is an item key; with 50 bits a repeat is practically impossible anyway.
        var codes = new HashSet<string>(StringComparer.Ordinal);
        while (codes.Count < count) codes.Add(RecoveryCode.NewCode());

        var salt = RecoveryCodeHasher.NewSalt();
        var issuedAt = time.GetUtcNow();
        var set = new RecoveryCodeSet(salt, codes.Select(code => store.Hasher.Hash(salt, code)).ToList(), issuedAt);
        await store.ReplaceAsync(tenantId, userSub, set, cancellationToken);
        return new IssuedRecoveryCodes(codes.Select(RecoveryCode.Display).ToList(), issuedAt);
    }
}
