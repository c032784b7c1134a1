using Enrollment.Core.Errors;
using Enrollment.Core.Policy;

namespace Enrollment.Core.Enrollment;

/// <summary>
/// Resolves the caller's tenant as api.md says: the token's tenant_id claim first, else the app client id
/// through the tenants' client lists. Unresolvable is POLICY_DENIED / TENANT_NOT_FOUND.
/// </summary>
public sealed class TenantResolver(ITenantPolicyStore store)
{
    public async Task<CompiledTenantPolicy> ResolveAsync(CallerContext caller, CancellationToken cancellationToken)
    {
        CompiledTenantPolicy? policy = null;
        if (!string.IsNullOrEmpty(caller.TenantClaim))
        {
            if (TenantId.IsValid(caller.TenantClaim))
                policy = await store.FindByTenantIdAsync(caller.TenantClaim, cancellationToken);
        }
        else if (!string.IsNullOrEmpty(caller.ClientId))
        {
            policy = await store.FindByClientIdAsync(caller.ClientId, cancellationToken);
        }
        return policy ?? throw EnrollmentException.Denied(DenialReason.TenantNotFound, "No tenant is configured for this user or app client.");
    }
}
