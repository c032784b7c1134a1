
namespace Enrollment.Core.Policy;

/// <summary>
/// Where tenant policies live. Returns null for an unknown tenant or client; throws
/// ServiceUnavailable when the store cannot be reached (the workflow then fails closed).
/// </summary>
public interface ITenantPolicyStore
{
    Task<CompiledTenantPolicy?> FindByTenantIdAsync(string tenantId, CancellationToken cancellationToken);

    Task<CompiledTenantPolicy?> FindByClientIdAsync(string clientId, CancellationToken cancellationToken);
}
