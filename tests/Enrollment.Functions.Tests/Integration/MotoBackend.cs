using Amazon.DynamoDBv2.Model;
using Amazon.DynamoDBv2;
using Amazon.Runtime;
using Enrollment.Core.Audit;
using Enrollment.Core.Identity;
using Enrollment.Core.Policy;
using Enrollment.Functions.Hosting;
using Enrollment.Functions.Http;
using Enrollment.Infrastructure.Cognito;
using Enrollment.Infrastructure.DynamoDb;
using Enrollment.Infrastructure.Tests.DynamoDb;
using Enrollment.Testing;

namespace Enrollment.Functions.Tests.Integration;

/// <summary>
/// moto with the three tables, and the functions wired exactly as in production (the production ports and ServiceRoot)
/// but pointed at it. Tests make their own pool, tenant and users so they do not see each other.
/// </summary>
public sealed class MotoBackend : IAsyncLifetime
{
    private readonly DynamoMotoFixture _dynamo = new();

    public TableNames Tables { get; private set; } = null!;
    public Uri Endpoint => _dynamo.Moto.Endpoint;
    public IAmazonDynamoDB Dynamo => _dynamo.Client;

    /// <summary>One connection: moto then applies conditional writes one at a time, as DynamoDB does (see DynamoMotoFixture).</summary>
    public IAmazonDynamoDB SerializedDynamo => _dynamo.SerializedClient;
    public CognitoIdentityProviderClient Cognito { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        await _dynamo.InitializeAsync();
        Tables = new TableNames(await _dynamo.CreateAuditTableAsync(), await _dynamo.CreateTenantsTableAsync(), await _dynamo.CreateUserStateTableAsync());
        Cognito = CognitoClientFor(Endpoint);
    }

    public ValueTask DisposeAsync() => _dynamo.DisposeAsync();

    public static CognitoIdentityProviderClient CognitoClientFor(Uri endpoint) =>
        new(new HttpClient { Timeout = Timeout.InfiniteTimeSpan },
            new CognitoClientOptions { Endpoint = endpoint, Region = MotoServer.Region, AttemptTimeout = TimeSpan.FromSeconds(5), RetryDelay = (_, _) => Task.CompletedTask },
            new SigV4RequestSigner(new BasicAWSCredentials("test", "test"), MotoServer.Region));

    /// <summary>
    /// The production graph. <paramref name="serializeDynamo"/>: moto does not lock conditional writes, so
    /// concurrency tests send DynamoDB calls over one connection (our handlers still run in parallel).
    /// </summary>
    /// <param name="userPoolId">The pool the recovery route removes factors in (its USER_POOL_ID).</param>
    public BackedFunctions Functions(StringWriter log, bool serializeDynamo = false, Uri? cognitoEndpoint = null, Uri? dynamoEndpoint = null,
        string? userPoolId = null, TimeSpan? policyCacheLifetime = null)
    {
        IAmazonDynamoDB dynamo = dynamoEndpoint is not null
            ? DynamoDbClientFactory.Create(new DynamoDbClientSettings { Endpoint = dynamoEndpoint, Region = MotoServer.Region, AttemptTimeout = TimeSpan.FromMilliseconds(500), MaxErrorRetry = 0 }, DynamoMotoFixture.Credentials)
            : serializeDynamo ? _dynamo.SerializedClient : _dynamo.Client;
        var cognito = cognitoEndpoint is null ? Cognito : CognitoClientFor(cognitoEndpoint);
        return new BackedFunctions(Root(dynamo, cognito, new FunctionLog(log), userPoolId, policyCacheLifetime));
    }

    /// <summary>The production root on the given clients, with the tables, pepper and pool of these tests.</summary>
    public ServiceRoot Root(IAmazonDynamoDB dynamo, CognitoIdentityProviderClient cognito, FunctionLog log, string? userPoolId = null, TimeSpan? policyCacheLifetime = null)
    {
        var settings = TestRoots.Settings(Tables, userPoolId, recoveryCodePepper: Pepper, policyCacheLifetime: policyCacheLifetime);
        return new ServiceRoot(Ports.Production(settings, dynamo, cognito, TimeProvider.System, log), settings, TimeProvider.System, log);
    }

    /// <summary>The recovery code pepper the tests' functions run with (production: RECOVERY_CODE_PEPPER from Secrets Manager).</summary>
    public const string Pepper = "test-pepper-of-the-moto-backed-functions-0123456789";

    /// <summary>Writes a tenant whose only app client is the pool's.</summary>
    public async Task<TenantPolicy> CreateTenantAsync(CognitoTestPool pool, Func<TenantPolicy, TenantPolicy>? customize = null)
    {
        var policy = new TenantPolicy { TenantId = "t-" + Guid.NewGuid().ToString("N")[..10], DisplayName = "Acme Test", AppClientIds = [pool.ClientId] };
        policy = customize?.Invoke(policy) ?? policy;
        await new DynamoDbTenantPolicyStore(Dynamo, Tables.Tenants).PutAsync(policy, null, TestContext.Current.CancellationToken);
        // The pool's users belong to its first tenant unless a test binds them otherwise (custom:tenant_id).
        pool.DefaultTenantId ??= policy.TenantId;
        return policy;
    }

    /// <summary>Every audit item of one user, as stored (raw attributes, to scan for leaks too).</summary>
    public async Task<List<Dictionary<string, AttributeValue>>> AuditItemsAsync(string tenantId, string username)
    {
        var response = await Dynamo.QueryAsync(new QueryRequest
        {
            TableName = Tables.Audit,
            KeyConditionExpression = "pk = :pk",
            ExpressionAttributeValues = new() { [":pk"] = new AttributeValue { S = AuditKeys.UserPartition(tenantId, username) } },
            ConsistentRead = true,
        }, TestContext.Current.CancellationToken);
        return response.Items ?? [];
    }

    public async Task<List<Dictionary<string, AttributeValue>>> AllAuditItemsAsync()
    {
        var response = await Dynamo.ScanAsync(new ScanRequest { TableName = Tables.Audit }, TestContext.Current.CancellationToken);
        return response.Items ?? [];
    }

    public static string Outcome(Dictionary<string, AttributeValue> item) => $"{item["eventType"].S}:{item["outcome"].S}";
}

public sealed class BackedFunctions(ServiceRoot root)
{
    public MeAssociateTotpFunction MeAssociate { get; } = new(root);
    public MeVerifyTotpFunction MeVerify { get; } = new(root);
    public ChallengeAssociateTotpFunction ChallengeAssociate { get; } = new(root);
    public ChallengeVerifyTotpFunction ChallengeVerify { get; } = new(root);
    public MeTotpStatusFunction MeTotpStatus { get; } = new(root);
    public MeDisableTotpFunction MeDisable { get; } = new(root);
    public MeRecoveryCodesFunction MeRecoveryCodes { get; } = new(root);

    /// <summary>Built when first used: it needs the pool id (<see cref="MotoBackend.Functions"/>'s userPoolId).</summary>
    public RecoverTotpFunction Recover => _recover ??= new(root);

    private RecoverTotpFunction? _recover;

    public static async Task<FunctionResponse> Call(Func<Stream, Task<Stream>> handler, HttpApiRequestBuilder request) =>
        await FunctionResponse.ReadAsync(await handler(request.BuildStream()));
}

[CollectionDefinition(Name)]
public sealed class MotoBackendCollection : ICollectionFixture<MotoBackend>
{
    public const string Name = "Functions on moto";
}

/// <summary>Names the audit event types in assertions without repeating string literals.</summary>
public static class Audited
{
    public const string AssociateSuccess = AuditEventType.TotpAssociate + ":" + AuditOutcome.Success;
    public const string VerifySuccess = AuditEventType.TotpVerify + ":" + AuditOutcome.Success;
    public const string VerifyFailed = AuditEventType.TotpVerify + ":" + AuditOutcome.Failed;
}
