using Enrollment.Core.Policy;

namespace Enrollment.Core.Admin;

/// <summary>The tenant policy store as the admin routes need it: read the latest version, write with optimistic concurrency.</summary>
public interface ITenantPolicyAdminStore : ITenantPolicyStore
{
    /// <summary>The stored policy and its version, read strongly consistent (a read right after a write sees it); null if none.</summary>
    Task<CompiledTenantPolicy?> GetCurrentAsync(string tenantId, CancellationToken cancellationToken);

    /// <summary>
    /// Replaces the policy if its stored version is still <paramref name="expectedVersion"/> (null: creates it);
    /// CONFLICT otherwise, or when it lists an app client of another tenant. Returns the policy with its new version.
    /// </summary>
    Task<CompiledTenantPolicy> PutAsync(TenantPolicy policy, long? expectedVersion, CancellationToken cancellationToken);
}
