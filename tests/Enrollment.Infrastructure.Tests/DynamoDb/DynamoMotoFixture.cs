using Amazon.DynamoDBv2;
using Amazon.Runtime;
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

    public static readonly AWSCredentials Credentials = MotoClients.Credentials;

    public MotoServer Moto => _moto ?? throw new InvalidOperationException("moto is not started.");
    public IAmazonDynamoDB Client => _client ?? throw new InvalidOperationException("moto is not started.");

    /// <summary>One connection, so moto serializes its requests: see <see cref="MotoClients.SerializedDynamoDb"/>.</summary>
    public IAmazonDynamoDB SerializedClient => _serializedClient ?? throw new InvalidOperationException("moto is not started.");

    public async ValueTask InitializeAsync()
    {
        _moto = await MotoServer.StartAsync();
        _client = MotoClients.DynamoDb(_moto.Endpoint);
        _serializedClient = MotoClients.SerializedDynamoDb(_moto.Endpoint);
    }

    public async ValueTask DisposeAsync()
    {
        _client?.Dispose();
        _serializedClient?.Dispose();
        if (_moto is not null) await _moto.DisposeAsync();
    }

    public static string UniqueName(string kind) => MotoTables.UniqueName(kind);

    /// <summary>Audit: pk/sk, index byTenantTime on gsi1pk/gsi1sk projecting all, TTL on expiresAt.</summary>
    public Task<string> CreateAuditTableAsync() => MotoTables.CreateAuditTableAsync(Client);

    /// <summary>Tenants: pk/sk only, no TTL.</summary>
    public Task<string> CreateTenantsTableAsync() => MotoTables.CreateTenantsTableAsync(Client);

    /// <summary>User state: pk/sk, TTL on expiresAt.</summary>
    public Task<string> CreateUserStateTableAsync() => MotoTables.CreateUserStateTableAsync(Client);
}

[CollectionDefinition(Name)]
public sealed class DynamoMotoCollection : ICollectionFixture<DynamoMotoFixture>
{
    public const string Name = "DynamoDB on moto";
}
