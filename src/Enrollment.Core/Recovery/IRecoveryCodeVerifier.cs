namespace Enrollment.Core.Recovery;

/// <summary>
/// Consumes one recovery code exactly once (a conditional write: of two concurrent uses, one wins).
/// Returns false for a wrong, used or unknown code alike, so callers cannot tell which.
/// </summary>
public interface IRecoveryCodeVerifier
{
    Task<bool> TryConsumeAsync(string tenantId, string username, string code, CancellationToken cancellationToken);
}
