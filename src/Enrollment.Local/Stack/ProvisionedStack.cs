namespace Enrollment.Local.Stack;

/// <summary>What `up` created in the emulator: the tables by logical id, the pool, the tenants and their demo users
/// (plain users first, then the administrators).</summary>
public sealed record ProvisionedStack(
    IReadOnlyDictionary<string, string> TableNamesByLogicalId,
    string UserPoolLogicalId,
    string UserPoolId,
    string? UserPoolClientLogicalId,
    string PoolMfaConfiguration,
    IReadOnlyList<SeededTenant> Tenants,
    IReadOnlyList<DemoUser> DemoUsers);
