using Enrollment.Core.Enrollment;
using Enrollment.Core.Policy;

namespace Enrollment.Core.Admin;

/// <summary>
/// Decides whether a caller administers the tenant named in the path. All of these must hold:
/// <list type="number">
/// <item>the caller belongs to that tenant: the token's tenant_id claim names it, or (no claim) the token's app client
/// maps to it, exactly as <see cref="TenantResolver"/> resolves a caller's tenant;</item>
/// <item>the tenant's current policy lists the token's app client (the client the user signed in with);</item>
/// <item>the token's cognito:groups holds the policy's <c>admin.groupName</c>;</item>
/// <item>the token is not enrollment-only.</item>
/// </list>
/// The tenant in the path is read only once the caller is known to belong to it, so "another tenant" and "no such
/// tenant" are decided from the caller's own token and tenant alone: same answer, same reads, same time.
/// Policies are read uncached: a change of the admin group or the client list applies to the next admin request.
/// </summary>
public sealed class TenantAdminAuthorizer(ITenantPolicyAdminStore policies)
{
    public async Task<AdminAuthorization> AuthorizeAsync(AdminCaller caller, string tenantId, CancellationToken cancellationToken)
    {
        if (!await BelongsToAsync(caller.Caller, tenantId, cancellationToken)) return new(null, null);

        var policy = await policies.GetCurrentAsync(tenantId, cancellationToken);
        if (policy is null) return new(null, null);

        var granted = !caller.EnrollmentOnly
            && policy.AllowsClient(caller.Caller.ClientId)
            && caller.IsInGroup(policy.Policy.AdminGroupName);
        return new(granted ? new TenantAdministrator(policy, caller) : null, policy);
    }

    private async Task<bool> BelongsToAsync(CallerContext caller, string tenantId, CancellationToken cancellationToken)
    {
        if (!TenantId.IsValid(tenantId)) return false;
        if (!string.IsNullOrEmpty(caller.TenantClaim)) return string.Equals(caller.TenantClaim, tenantId, StringComparison.Ordinal);
        if (string.IsNullOrEmpty(caller.ClientId)) return false;
        var own = await policies.FindByClientIdAsync(caller.ClientId, cancellationToken);
        return own is not null && string.Equals(own.TenantId, tenantId, StringComparison.Ordinal);
    }
}
