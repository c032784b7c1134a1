using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Enrollment.Core.Policy;
using Enrollment.Infrastructure.Cognito;
using Enrollment.Infrastructure.Cognito.Model;
using Enrollment.Infrastructure.DynamoDb;
using Enrollment.Testing;

namespace Enrollment.Functions.Tests.Lifecycle;

/// <summary>
/// The backend of the lifecycle routes on one moto: the three tables as template.yaml declares them, a user pool
/// (MFA optional, TOTP on) with an app client, and two tenants. "demo" is the events' sample tenant (its
/// networks and minimum app version) with the pool's client added; "strict" requires MFA, forbids disabling,
/// allows replacing and issues no recovery codes. Tests create their own users, so they do not meet.
/// </summary>
public sealed class LifecycleStack : IAsyncLifetime
{
    public const string DemoTenant = "demo";
    public const string StrictTenant = "strict";
    public const string StrictClientId = "strict-client-id";
    public const string AppVersion = "2.3.1";

    private MotoServer? _moto;
    private int _lastSourceOctet = 20;

    public AmazonDynamoDBClient Dynamo { get; private set; } = null!;
    public AmazonDynamoDBClient SerializedDynamo { get; private set; } = null!;
    public CognitoIdentityProviderClient Cognito { get; private set; } = null!;
    public CognitoTestPool Pool { get; private set; } = null!;
    public TableNames Tables { get; private set; } = null!;

    public static string EventsFolder => Path.Combine(AppContext.BaseDirectory, "events");

    public async ValueTask InitializeAsync()
    {
        _moto = await MotoServer.StartAsync();
        Dynamo = MotoClients.DynamoDb(_moto.Endpoint);
        SerializedDynamo = MotoClients.SerializedDynamoDb(_moto.Endpoint);
        Cognito = MotoClients.Cognito(_moto.Endpoint);
        Tables = new TableNames(
            await MotoTables.CreateAuditTableAsync(Dynamo),
            await MotoTables.CreateTenantsTableAsync(Dynamo),
            await MotoTables.CreateUserStateTableAsync(Dynamo));
        Pool = await CognitoTestPool.CreateAsync(Cognito, MfaConfigurations.Optional);

        var sample = TenantPolicyDocument.ParseMany(await File.ReadAllTextAsync(Path.Combine(EventsFolder, "tenants.sample.json"))).Single();
        var demo = sample with { AppClientIds = [.. sample.AppClientIds, Pool.ClientId] };
        var strict = new TenantPolicy
        {
            TenantId = StrictTenant,
            AppClientIds = [StrictClientId],
            Enrollment = new EnrollmentRules { AllowReplace = true },
            Mfa = new MfaRules { Required = true, AllowDisable = false },
            Recovery = new RecoveryRules { CodeCount = 0 },
        };
        var policies = new DynamoDbTenantPolicyStore(Dynamo, Tables.Tenants);
        await policies.PutAsync(demo, expectedVersion: null, CancellationToken.None);
        await policies.PutAsync(strict, expectedVersion: null, CancellationToken.None);
    }

    public async ValueTask DisposeAsync()
    {
        Dynamo?.Dispose();
        SerializedDynamo?.Dispose();
        if (_moto is not null) await _moto.DisposeAsync();
    }

    /// <summary>
    /// A source address inside the demo tenant's network that no other test uses, so that per-source recovery
    /// limits of one test do not spend another's.
    /// </summary>
    public string NextSourceIp() => $"203.0.113.{Interlocked.Increment(ref _lastSourceOctet)}";

    /// <summary>The audit events of one user of a tenant, oldest first.</summary>
    public async Task<List<Dictionary<string, AttributeValue>>> AuditOfAsync(string username, string tenantId = DemoTenant)
    {
        var response = await Dynamo.QueryAsync(new QueryRequest
        {
            TableName = Tables.Audit,
            KeyConditionExpression = "pk = :pk",
            ExpressionAttributeValues = new() { [":pk"] = new AttributeValue { S = $"TENANT#{tenantId}#USER#{username}" } },
            ConsistentRead = true,
        });
        return response.Items ?? [];
    }

    /// <summary>Every string and number stored in a table, one per line: what a leak check reads.</summary>
    public async Task<string> EverythingStoredInAsync(string table)
    {
        var values = new List<string>();
        Dictionary<string, AttributeValue>? start = null;
        do
        {
            var page = await Dynamo.ScanAsync(new ScanRequest { TableName = table, ExclusiveStartKey = start });
            values.AddRange((page.Items ?? []).SelectMany(item => item.Values).Select(v => v.S ?? v.N ?? ""));
            start = page.LastEvaluatedKey is { Count: > 0 } next ? next : null;
        }
        while (start is not null);
        return string.Join("\n", values);
    }
}

[CollectionDefinition(Name)]
public sealed class LifecycleCollection : ICollectionFixture<LifecycleStack>
{
    public const string Name = "Lifecycle routes on moto";
}
