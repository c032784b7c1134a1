using Enrollment.Core.Policy;

namespace Enrollment.Infrastructure.Tests.DynamoDb;

/// <summary>An inner store that counts its calls and answers as told, optionally holding answers back behind a gate.</summary>
public sealed class CountingPolicyStore : ITenantPolicyStore
{
    private int _tenantCalls;
    private int _clientCalls;

    public Dictionary<string, CompiledTenantPolicy> Tenants { get; } = new(StringComparer.Ordinal);
    public Exception? Failure { get; set; }

    /// <summary>When set, every read waits for it before answering.</summary>
    public TaskCompletionSource? Gate { get; set; }

    public int TenantCalls => Volatile.Read(ref _tenantCalls);
    public int ClientCalls => Volatile.Read(ref _clientCalls);

    public async Task<CompiledTenantPolicy?> FindByTenantIdAsync(string tenantId, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _tenantCalls);
        if (Gate is { } gate) await gate.Task;
        if (Failure is { } failure) throw failure;
        return Tenants.GetValueOrDefault(tenantId);
    }

    public async Task<CompiledTenantPolicy?> FindByClientIdAsync(string clientId, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _clientCalls);
        if (Gate is { } gate) await gate.Task;
        if (Failure is { } failure) throw failure;
        return Tenants.Values.FirstOrDefault(p => p.AllowsClient(clientId));
    }
}
