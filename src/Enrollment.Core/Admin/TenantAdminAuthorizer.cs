using Enrollment.Core.Binding;
using Enrollment.Core.Errors;
using Enrollment.Core.Identity;
using Enrollment.Core.Policy;

namespace Enrollment.Core.Admin;

/// <summary>
/// Decides whether a caller administers the tenant named in the path. All of these must hold:
/// <list type="number">
/// <item>the caller belongs to that tenant: their binding names it (the token's tenant_id claim, or with no claim the
/// caller's own custom:tenant_id read with their token), exactly as <see cref="TenantResolver"/> resolves a caller's tenant;</item>
/// <item>the tenant's current policy lists the token's app client (the client the user signed in with);</item>
/// <item>the token's cognito:groups holds the policy's <c>admin.groupName</c>;</item>
/// <item>the token is not enrollment-only.</item>
/// </list>
/// The tenant in the path is read only once the caller is known to belong to it, so "another tenant" and "no such
/// tenant" are decided from the caller's own token and tenant alone: same answer, same reads, same time.
/// Policies are read uncached: a change of the admin group or the client list applies to the next admin request.
/// </summary>
public sealed class TenantAdminAuthorizer(ITenantPolicyAdminStore policies, TenantBindingReader? bindings = null)
{
    private readonly TenantBindingReader _bindings = bindings ?? new TenantBindingReader(null, TimeProvider.System);

    public async Task<AdminAuthorization> AuthorizeAsync(AdminCaller caller, string tenantId, CancellationToken cancellationToken)
    {
        if (!await BelongsToAsync(caller, tenantId, cancellationToken)) return new(null, null);

        var policy = await policies.GetCurrentAsync(tenantId, cancellationToken);
        if (policy is null) return new(null, null);

        var granted = !caller.EnrollmentOnly
            && policy.AllowsClient(caller.Caller.ClientId)
            && caller.IsInGroup(policy.Policy.AdminGroupName);
        return new(granted ? new TenantAdministrator(policy, caller) : null, policy);
    }

    /// <summary>A caller without a binding belongs to no tenant (denied, as any non-member is).</summary>
    private async Task<bool> BelongsToAsync(AdminCaller caller, string tenantId, CancellationToken cancellationToken)
    {
        if (!TenantId.IsValid(tenantId)) return false;
        try
        {
            var own = await _bindings.TenantOfAsync(caller.Caller, caller.AccessToken, cancellationToken);
            return string.Equals(own, tenantId, StringComparison.Ordinal);
        }
        catch (EnrollmentException denied) when (denied.Reason == ErrorReasons.UserNotInTenant)
        {
            return false;
        }
    }
}
