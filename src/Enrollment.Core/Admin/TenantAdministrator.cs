using Enrollment.Core.Identity;
using Enrollment.Core.Policy;

namespace Enrollment.Core.Admin;

/// <summary>A caller proven to administer <see cref="TenantId"/>, with that tenant's current policy.</summary>
public sealed record TenantAdministrator(CompiledTenantPolicy Policy, AdminCaller Caller)
{
    public string TenantId => Policy.TenantId;
}
