using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Amazon.Runtime;
using Enrollment.Infrastructure.DynamoDb;
using Enrollment.Testing;
using Xunit;

namespace Enrollment.Infrastructure.Tests.DynamoDb;

/// <summary>
/// One moto for the DynamoDB tests (a collection fixture), with the production client settings pointed at
/// it. Each test class creates its own tables with the key schemas the SAM template declares.
/// </summary>
public sealed class DynamoMotoFixture : IAsyncLifetime
{
    private MotoServer? _moto;
    private AmazonDynamoDBClient? _client;
    private AmazonDynamoDBClient? _serializedClient;

    public static readonly AWSCredentials Credentials = new BasicAWSCredentials("test", "test");

    public MotoServer Moto => _moto ?? throw new InvalidOperationException("moto is not started.");
    public IAmazonDynamoDB Client => _client ?? throw new InvalidOperationException("moto is not started.");

    /// <summary>
    /// A client with one connection, so moto handles its requests one after another. DynamoDB applies the
    /// writes to one item one at a time; moto does not (its threads race on conditional writes: 40 parallel
    /// acquisitions under a limit of 7 were let through 9 or 11 times). Tests of concurrency use this client
    /// so that they test our code, not moto's missing lock: the calls still overlap in our process.
    /// </summary>
    public IAmazonDynamoDB SerializedClient => _serializedClient ?? throw new InvalidOperationException("moto is not started.");

    public async ValueTask InitializeAsync()
    {
        _moto = await MotoServer.StartAsync();
        // The production client, with a longer attempt: moto on a machine shared by parallel test runs can take
        // seconds to create a table, and a timed-out DynamoDB attempt is not retried (HangBoundedRetryPolicy; the
        // attempt bound itself is tested against a listener that never answers, DynamoDbHungTests).
        _client = DynamoDbClientFactory.Create(
            new DynamoDbClientSettings { Endpoint = _moto.Endpoint, Region = MotoServer.Region, AttemptTimeout = TimeSpan.FromSeconds(15) }, Credentials);
        _serializedClient = new AmazonDynamoDBClient(Credentials, new AmazonDynamoDBConfig
        {
            ServiceURL = _moto.Endpoint.ToString(),
            AuthenticationRegion = MotoServer.Region,
            MaxConnectionsPerServer = 1,
            Timeout = TimeSpan.FromSeconds(30),
        });
    }

    public async ValueTask DisposeAsync()
    {
        _client?.Dispose();
        _serializedClient?.Dispose();
        if (_moto is not null) await _moto.DisposeAsync();
    }

    public static string UniqueName(string kind) => $"{kind}-{Guid.NewGuid():N}";

    /// <summary>
    /// Tables are created with the 30 s client: on a loaded machine the production client's short attempt timeout can
    /// give up on a CreateTable that moto then completes, and its retry fails with "Table already exists".
    /// </summary>
    private IAmazonDynamoDB SetupClient => SerializedClient;

    /// <summary>Audit: pk/sk, index byTenantTime on gsi1pk/gsi1sk projecting all, TTL on expiresAt.</summary>
    public async Task<string> CreateAuditTableAsync()
    {
        var name = UniqueName("audit");
        await CreateTableOnceAsync(new CreateTableRequest
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
        await EnableTimeToLiveAsync(name, AuditKeys.TimeToLive);
        return name;
    }

    /// <summary>Tenants: pk/sk only, no TTL.</summary>
    public Task<string> CreateTenantsTableAsync() => CreateKeyValueTableAsync("tenants", ttl: null);

    /// <summary>User state: pk/sk, TTL on expiresAt.</summary>
    public Task<string> CreateUserStateTableAsync() => CreateKeyValueTableAsync("user-state", UserStateKeys.TimeToLive);

    private async Task<string> CreateKeyValueTableAsync(string kind, string? ttl)
    {
        var name = UniqueName(kind);
        await CreateTableOnceAsync(new CreateTableRequest
        {
            TableName = name,
            BillingMode = BillingMode.PAY_PER_REQUEST,
            AttributeDefinitions = [new("pk", ScalarAttributeType.S), new("sk", ScalarAttributeType.S)],
            KeySchema = [new("pk", KeyType.HASH), new("sk", KeyType.RANGE)],
        });
        if (ttl is not null) await EnableTimeToLiveAsync(name, ttl);
        return name;
    }

    /// <summary>
    /// CreateTable, where a retry after a timed-out attempt (a loaded machine) meets ResourceInUseException: the name is
    /// unique to this call, so the table that exists is the one the first attempt created.
    /// </summary>
    private async Task CreateTableOnceAsync(CreateTableRequest request)
    {
        try
        {
            await SetupClient.CreateTableAsync(request);
        }
        catch (ResourceInUseException)
        {
        }
    }

    private Task EnableTimeToLiveAsync(string table, string attribute) =>
        SetupClient.UpdateTimeToLiveAsync(new UpdateTimeToLiveRequest
        {
            TableName = table,
            TimeToLiveSpecification = new TimeToLiveSpecification { AttributeName = attribute, Enabled = true },
        });
}

[CollectionDefinition(Name)]
public sealed class DynamoMotoCollection : ICollectionFixture<DynamoMotoFixture>
{
    public const string Name = "DynamoDB on moto";
}
