namespace Enrollment.Infrastructure.DynamoDb;

/// <summary>
/// Keys of the tenants table: the policy item of a tenant, and one item per app client naming its tenant
/// (clients are looked up by id on the session routes, and an id belongs to one tenant at most), and one
/// item per admin group naming its tenant (a group administers one tenant at most).
/// </summary>
public static class TenantKeys
{
    public const string PartitionKey = "pk";
    public const string SortKey = "sk";
    public const string PolicySortKey = "POLICY";
    public const string ClientSortKey = "TENANT";

    public const string DocumentAttribute = "document";
    public const string VersionAttribute = "version";
    public const string TenantIdAttribute = "tenantId";

    public static string TenantPartition(string tenantId) => $"TENANT#{tenantId}";

    public static string ClientPartition(string clientId) => $"CLIENT#{clientId}";

    /// <summary>The admin group's owner item: a pool-wide Cognito group administers one tenant at most.</summary>
    public static string GroupPartition(string groupName) => $"GROUP#{groupName}";
}
