namespace Enrollment.Core.Recovery;

/// <summary>
/// A set of recovery codes as it is stored: the set's salt and one hash per code, never a code itself.
/// </summary>
public sealed record RecoveryCodeSet(byte[] Salt, IReadOnlyList<string> Hashes, DateTimeOffset IssuedAt)
{
    public override string ToString() => $"RecoveryCodeSet(Count={Hashes.Count}, IssuedAt={IssuedAt:O})";
}
