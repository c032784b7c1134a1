using System.Diagnostics;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Amazon.Runtime;
using Enrollment.Infrastructure.Cognito;
using Enrollment.Infrastructure.DynamoDb;
using Enrollment.Local.Emulator;
using Xunit;

namespace Enrollment.Testing;

/// <summary>
/// The one moto_server of a test world: started on a free loopback port with TOTP checking on, stopped by its process
/// id, with the production DynamoDB client settings pointed at it and the tables the SAM template declares. An xunit
/// v3 assembly fixture (<c>[assembly: AssemblyFixture(typeof(MotoFixture))]</c>) or owned by a world that starts it.
/// A missing moto fails every test that needs it, loudly: none passes without it. Tests share the server, so each
/// creates its own user pool and tables with unique names.
/// </summary>
public sealed class MotoFixture : IAsyncLifetime
{
    public const string Region = "us-east-1";

    public static readonly AWSCredentials Credentials = new BasicAWSCredentials("test", "test");

    private Process? _process;
    private AmazonDynamoDBClient? _client;
    private AmazonDynamoDBClient? _serializedClient;

    public Uri Endpoint { get; private set; } = null!;

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
        var executable = FindOnPath("moto_server")
            ?? throw new InvalidOperationException(
                "moto_server is not on PATH. These tests need moto (pip install 'moto[server]'); it is part of this machine image.");
        var port = LoopbackPort.Free();
        var info = new ProcessStartInfo(executable, ["-H", "127.0.0.1", "-p", port.ToString()])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.Environment["MOTO_COGNITO_IDP_USER_POOL_ENABLE_TOTP"] = "true";
        _process = Process.Start(info) ?? throw new InvalidOperationException("moto_server did not start.");
        _process.OutputDataReceived += (_, _) => { };
        _process.ErrorDataReceived += (_, _) => { };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        Endpoint = new Uri($"http://127.0.0.1:{port}");
        try
        {
            await WaitUntilReadyAsync(_process, new Uri(Endpoint, "/moto-api/"), TimeSpan.FromSeconds(30));
        }
        catch
        {
            await DisposeAsync(); // a moto that never answered is stopped here: xunit disposes only what initialized
            throw;
        }

        // The production client, with a longer attempt: moto on a machine shared by parallel test runs can take
        // seconds to create a table, and a timed-out DynamoDB attempt is not retried (HangBoundedRetryPolicy; the
        // attempt bound itself is tested against a listener that never answers, DynamoDbHungTests).
        _client = DynamoDbClientFactory.Create(
            new DynamoDbClientSettings { Endpoint = Endpoint, Region = Region, AttemptTimeout = TimeSpan.FromSeconds(15) }, Credentials);
        _serializedClient = new AmazonDynamoDBClient(Credentials, new AmazonDynamoDBConfig
        {
            ServiceURL = Endpoint.ToString(),
            AuthenticationRegion = Region,
            MaxConnectionsPerServer = 1,
            Timeout = TimeSpan.FromSeconds(30),
        });
    }

    public ValueTask DisposeAsync()
    {
        _client?.Dispose();
        _serializedClient?.Dispose();
        if (_process is null) return ValueTask.CompletedTask;
        try
        {
            using var running = Process.GetProcessById(_process.Id);
            running.Kill(entireProcessTree: true);
            running.WaitForExit(5000);
        }
        catch (ArgumentException) { } // already exited: no process has the id any more
        catch (InvalidOperationException) { }
        _process.Dispose();
        _process = null;
        return ValueTask.CompletedTask;
    }

    /// <summary>
    /// A Cognito client for moto, or for an endpoint standing in for it (a closed port, a hung listener): test
    /// credentials through the real signer (the Admin* calls are signed), retries without their waits.
    /// </summary>
    public static CognitoIdentityProviderClient CognitoClient(Uri endpoint, TimeSpan attemptTimeout) =>
        new(new HttpClient { Timeout = Timeout.InfiniteTimeSpan },
            new CognitoClientOptions { Endpoint = endpoint, Region = Region, AttemptTimeout = attemptTimeout, RetryDelay = (_, _) => Task.CompletedTask },
            new SigV4RequestSigner(Credentials, Region));

    public static string UniqueName(string kind) => $"{kind}-{Guid.NewGuid():N}";

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

    private static async Task WaitUntilReadyAsync(Process process, Uri probe, TimeSpan timeout)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (process.HasExited)
                throw new InvalidOperationException($"moto_server exited with code {process.ExitCode} before it was ready.");
            try
            {
                using var response = await http.GetAsync(probe);
                if ((int)response.StatusCode < 500) return;
            }
            catch (HttpRequestException) { }
            catch (TaskCanceledException) { }
            await Task.Delay(100);
        }
        throw new TimeoutException("moto_server did not answer on its port in time.");
    }

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
    /// CreateTable with the 30 s client (the production client's short attempt can give up on a CreateTable that moto
    /// then completes), where a retry after a timed-out attempt meets ResourceInUseException: the name is unique to
    /// this call, so the table that exists is the one the first attempt created.
    /// </summary>
    private async Task CreateTableOnceAsync(CreateTableRequest request)
    {
        try
        {
            await SerializedClient.CreateTableAsync(request);
        }
        catch (ResourceInUseException)
        {
        }
    }

    private Task EnableTimeToLiveAsync(string table, string attribute) =>
        SerializedClient.UpdateTimeToLiveAsync(new UpdateTimeToLiveRequest
        {
            TableName = table,
            TimeToLiveSpecification = new TimeToLiveSpecification { AttributeName = attribute, Enabled = true },
        });

    private static string? FindOnPath(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator)
            .Select(dir => Path.Combine(dir, name))
            .FirstOrDefault(File.Exists);
}
