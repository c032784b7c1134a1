using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Enrollment.Infrastructure.DynamoDb;

namespace Enrollment.Testing;

/// <summary>The three tables with the key schemas, index and TTL that template.yaml declares, for tests on moto.</summary>
public static class MotoTables
{
    public static string UniqueName(string kind) => $"{kind}-{Guid.NewGuid():N}";

    /// <summary>Audit: pk/sk, index byTenantTime on gsi1pk/gsi1sk projecting all, TTL on expiresAt.</summary>
    public static async Task<string> CreateAuditTableAsync(IAmazonDynamoDB client, string? name = null)
    {
        name ??= UniqueName("audit");
        await client.CreateTableAsync(new CreateTableRequest
        {
            TableName = name,
            BillingMode = BillingMode.PAY_PER_REQUEST,
            AttributeDefinitions =
            [
                new(AuditKeys.PartitionKey, ScalarAttributeType.S),
                new(AuditKeys.SortKey, ScalarAttributeType.S),
                new(AuditKeys.IndexPartitionKey, ScalarAttributeType.S),
                new(AuditKeys.IndexSortKey, ScalarAttributeType.S),
            ],
            KeySchema = [new(AuditKeys.PartitionKey, KeyType.HASH), new(AuditKeys.SortKey, KeyType.RANGE)],
            GlobalSecondaryIndexes =
            [
                new GlobalSecondaryIndex
                {
                    IndexName = AuditKeys.TenantTimeIndex,
                    KeySchema = [new(AuditKeys.IndexPartitionKey, KeyType.HASH), new(AuditKeys.IndexSortKey, KeyType.RANGE)],
                    Projection = new Projection { ProjectionType = ProjectionType.ALL },
                },
            ],
        });
        await EnableTimeToLiveAsync(client, name, AuditKeys.TimeToLive);
        return name;
    }

    /// <summary>Tenants: pk/sk only, no TTL.</summary>
    public static Task<string> CreateTenantsTableAsync(IAmazonDynamoDB client, string? name = null) =>
        CreateKeyValueTableAsync(client, name ?? UniqueName("tenants"), ttl: null);

    /// <summary>User state: pk/sk, TTL on expiresAt.</summary>
    public static Task<string> CreateUserStateTableAsync(IAmazonDynamoDB client, string? name = null) =>
        CreateKeyValueTableAsync(client, name ?? UniqueName("user-state"), UserStateKeys.TimeToLive);

    private static async Task<string> CreateKeyValueTableAsync(IAmazonDynamoDB client, string name, string? ttl)
    {
        await client.CreateTableAsync(new CreateTableRequest
        {
            TableName = name,
            BillingMode = BillingMode.PAY_PER_REQUEST,
            AttributeDefinitions = [new("pk", ScalarAttributeType.S), new("sk", ScalarAttributeType.S)],
            KeySchema = [new("pk", KeyType.HASH), new("sk", KeyType.RANGE)],
        });
        if (ttl is not null) await EnableTimeToLiveAsync(client, name, ttl);
        return name;
    }

    private static Task EnableTimeToLiveAsync(IAmazonDynamoDB client, string table, string attribute) =>
        client.UpdateTimeToLiveAsync(new UpdateTimeToLiveRequest
        {
            TableName = table,
            TimeToLiveSpecification = new TimeToLiveSpecification { AttributeName = attribute, Enabled = true },
        });
}
