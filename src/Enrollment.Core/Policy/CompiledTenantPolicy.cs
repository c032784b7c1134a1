using Enrollment.Core.Identity;

namespace Enrollment.Core.Policy;

/// <summary>
/// A policy with its rules parsed once (CIDR blocks, minimum version), so the cached copy serves every
/// request without parsing again.
/// </summary>
public sealed class CompiledTenantPolicy
{
    public CompiledTenantPolicy(TenantPolicy policy, long version = 0)
    {
        var error = PolicyValidator.Validate(policy);
        if (error is not null) throw new FormatException($"Tenant policy is invalid: {error}");
        Policy = policy;
        Version = version;
        Networks = NetworkAllowList.Parse(policy.Enrollment.AllowedNetworks);
        MinAppVersion = policy.Enrollment.MinAppVersion is { } min && SemanticVersion.TryParse(min, out var v) ? v : null;
        _clients = policy.AppClientIds.ToHashSet(StringComparer.Ordinal);
    }

    private readonly HashSet<string> _clients;

    public TenantPolicy Policy { get; }
    public long Version { get; }
    public NetworkAllowList Networks { get; }
    public SemanticVersion? MinAppVersion { get; }
    public string TenantId => Policy.TenantId;

    public bool AllowsClient(string? clientId) => clientId is not null && _clients.Contains(clientId);
}
