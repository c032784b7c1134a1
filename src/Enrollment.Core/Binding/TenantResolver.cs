using Enrollment.Core.Errors;
using Enrollment.Core.Identity;
using Enrollment.Core.Policy;

namespace Enrollment.Core.Binding;

/// <summary>
/// Resolves the tenant whose policy applies to a request, from the user's binding (docs/threat-model.md, "What we
/// trust"): the verified tenant_id claim, else the user's immutable custom:tenant_id read with their access token
/// (<see cref="TenantBindingReader"/>). An app client id that belongs to another tenant is POLICY_DENIED
/// CLIENT_OF_ANOTHER_TENANT; a user without a binding is POLICY_DENIED USER_NOT_IN_TENANT; a binding to a tenant
/// that has no policy is POLICY_DENIED TENANT_NOT_FOUND.
/// </summary>
public sealed class TenantResolver(ITenantPolicyStore store, TenantBindingReader? bindings = null)
{
    private readonly TenantBindingReader _bindings = bindings ?? new TenantBindingReader(null, TimeProvider.System);

    /// <summary>A signed-in caller: the claim, else the binding read with <paramref name="accessToken"/>.</summary>
    public async Task<CompiledTenantPolicy> ResolveAsync(CallerContext caller, string? accessToken, CancellationToken cancellationToken)
    {
        var tenantId = await _bindings.TenantOfAsync(caller, accessToken, cancellationToken);
        return await ResolveBoundAsync(tenantId, caller.ClientId, cancellationToken);
    }

    /// <summary>
    /// The MFA_SETUP session path only, where no user is proven yet (the session carries no identity we can read):
    /// the verified claim when there is one, else the body's app client's tenant. Nothing keyed on a user may
    /// follow from this answer alone.
    /// </summary>
    public async Task<CompiledTenantPolicy> ResolveAsync(CallerContext caller, CancellationToken cancellationToken)
    {
        if (!string.IsNullOrEmpty(caller.TenantClaim)) return await ResolveBoundAsync(caller.TenantClaim, caller.ClientId, cancellationToken);
        var policy = string.IsNullOrEmpty(caller.ClientId) ? null : await store.FindByClientIdAsync(caller.ClientId, cancellationToken);
        return policy ?? throw TenantNotFound();
    }

    /// <summary>
    /// The policy of a user's bound tenant (<paramref name="tenantId"/>, from the claim or the user's attribute), checked
    /// against the app client the request came through.
    /// </summary>
    public async Task<CompiledTenantPolicy> ResolveBoundAsync(string? tenantId, string? clientId, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(tenantId) || !TenantId.IsValid(tenantId)) throw TenantBindingReader.NotInTenant();
        var policy = await store.FindByTenantIdAsync(tenantId, cancellationToken) ?? throw TenantNotFound();
        if (!string.IsNullOrEmpty(clientId) && !policy.AllowsClient(clientId))
        {
            // Every route, reads included, is refused through a client the user's tenant does not list; another
            // tenant's client is named as such.
            var owner = await store.FindByClientIdAsync(clientId, cancellationToken);
            if (owner is not null && !string.Equals(owner.TenantId, policy.TenantId, StringComparison.Ordinal))
                throw EnrollmentException.Denied(ErrorReasons.ClientOfAnotherTenant, "This app client belongs to another tenant than the user.");
            throw EnrollmentException.Denied(ErrorReasons.ClientNotAllowed, "This app client is not one of the user's tenant's apps.");
        }
        return policy;
    }

    private static EnrollmentException TenantNotFound() =>
        EnrollmentException.Denied(ErrorReasons.TenantNotFound, "No tenant is configured for this user or app client.");
}
