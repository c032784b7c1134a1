using Enrollment.Core.Admin;
using Enrollment.Core.Errors;
using Enrollment.Core.Policy;

namespace Enrollment.Testing;

/// <summary>
/// Tenant policies with versions, in memory: the optimistic write of the DynamoDB store (a stale version is CONFLICT),
/// and a count of reads, so tests can prove a denial read nothing about the tenant it names.
/// </summary>
public sealed class MemoryTenantPolicyAdminStore : ITenantPolicyAdminStore
{
    private readonly Dictionary<string, CompiledTenantPolicy> _policies = new(StringComparer.Ordinal);
    private readonly List<string> _reads = [];

    public MemoryTenantPolicyAdminStore(params TenantPolicy[] policies)
    {
        foreach (var policy in policies) _policies[policy.TenantId] = new CompiledTenantPolicy(policy, 1);
    }

    public bool Down { get; set; }

    /// <summary>"tenant:{id}" or "client:{id}", in order.</summary>
    public IReadOnlyList<string> Reads { get { lock (_reads) return _reads.ToList(); } }

    public Task<CompiledTenantPolicy?> GetCurrentAsync(string tenantId, CancellationToken cancellationToken) => FindByTenantIdAsync(tenantId, cancellationToken);

    public Task<CompiledTenantPolicy?> FindByTenantIdAsync(string tenantId, CancellationToken cancellationToken)
    {
        Read("tenant:" + tenantId);
        lock (_policies) return Task.FromResult(_policies.GetValueOrDefault(tenantId));
    }

    public Task<CompiledTenantPolicy?> FindByClientIdAsync(string clientId, CancellationToken cancellationToken)
    {
        Read("client:" + clientId);
        lock (_policies) return Task.FromResult(_policies.Values.FirstOrDefault(p => p.AllowsClient(clientId)));
    }

    public Task<CompiledTenantPolicy> PutAsync(TenantPolicy policy, long? expectedVersion, CancellationToken cancellationToken)
    {
        if (Down) throw new EnrollmentException(ErrorCode.ServiceUnavailable, "down");
        lock (_policies)
        {
            if (_policies.GetValueOrDefault(policy.TenantId)?.Version != expectedVersion)
                throw new EnrollmentException(ErrorCode.Conflict, "stale", "POLICY_VERSION_CONFLICT");
            var stored = new CompiledTenantPolicy(policy, (expectedVersion ?? 0) + 1);
            _policies[policy.TenantId] = stored;
            return Task.FromResult(stored);
        }
    }

    private void Read(string what)
    {
        if (Down) throw new EnrollmentException(ErrorCode.ServiceUnavailable, "down");
        lock (_reads) _reads.Add(what);
    }
}
