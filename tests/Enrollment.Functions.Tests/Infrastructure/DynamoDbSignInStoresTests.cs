using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Amazon.Runtime;
using Enrollment.Core.Errors;
using Enrollment.Infrastructure.DynamoDb;
using Enrollment.Testing;

namespace Enrollment.Functions.Tests.Infrastructure;

/// <summary>moto_server with one user state table (pk, sk strings), shared by the tests of this class. Missing moto fails them.</summary>
public sealed class UserStateTableFixture : IAsyncLifetime
{
    public const string Table = "user-state";
    private MotoServer? _moto;

    public AmazonDynamoDBClient Client { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        _moto = await MotoServer.StartAsync();
        // One connection: moto does not serialize conditional writes across parallel connections (AWS does), so the
        // concurrency test sends its writes over one connection while the store's calls still overlap.
        Client = new AmazonDynamoDBClient(new BasicAWSCredentials("test", "test"), new AmazonDynamoDBConfig
        {
            ServiceURL = _moto.Endpoint.ToString(),
            AuthenticationRegion = MotoServer.Region,
            MaxConnectionsPerServer = 1,
            Timeout = TimeSpan.FromSeconds(10),
            MaxErrorRetry = 0,
        });
        // Created with a patient client: a fresh moto on a loaded machine can take longer than the tests' 2 s attempts.
        using var setup = new AmazonDynamoDBClient(new BasicAWSCredentials("test", "test"),
            new AmazonDynamoDBConfig { ServiceURL = _moto.Endpoint.ToString(), AuthenticationRegion = MotoServer.Region, Timeout = TimeSpan.FromSeconds(30) });
        await setup.CreateTableAsync(new CreateTableRequest
        {
            TableName = Table,
            BillingMode = BillingMode.PAY_PER_REQUEST,
            AttributeDefinitions = [new("pk", ScalarAttributeType.S), new("sk", ScalarAttributeType.S)],
            KeySchema = [new("pk", KeyType.HASH), new("sk", KeyType.RANGE)],
        });
    }

    public static AmazonDynamoDBClient ClientFor(Uri endpoint) => new(new BasicAWSCredentials("test", "test"), new AmazonDynamoDBConfig
    {
        ServiceURL = endpoint.ToString(),
        AuthenticationRegion = MotoServer.Region,
        Timeout = TimeSpan.FromSeconds(2),
        MaxErrorRetry = 0,
    });

    public async ValueTask DisposeAsync()
    {
        Client?.Dispose();
        if (_moto is not null) await _moto.DisposeAsync();
    }
}

public sealed class DynamoDbSignInStoresTests(UserStateTableFixture table) : IClassFixture<UserStateTableFixture>
{
    private static readonly DateTimeOffset Now = new(2026, 3, 1, 10, 0, 0, 123, TimeSpan.Zero);
    private readonly DynamoDbGracePeriodStore _grace = new(table.Client, UserStateTableFixture.Table);
    private readonly DynamoDbRecoverySignInStore _recoveries = new(table.Client, UserStateTableFixture.Table);

    private static string User() => "user-" + Guid.NewGuid().ToString("n")[..8];

    [Fact]
    public async Task The_grace_period_starts_once_and_later_sign_ins_read_the_start()
    {
        var user = User();
        Assert.Equal(Now, await _grace.GetOrStartAsync("demo", user, Now, TestContext.Current.CancellationToken));
        Assert.Equal(Now, await _grace.GetOrStartAsync("demo", user, Now.AddDays(3), TestContext.Current.CancellationToken));
        // Another tenant's user of the same name has a clock of their own.
        Assert.Equal(Now.AddDays(5), await _grace.GetOrStartAsync("other", user, Now.AddDays(5), TestContext.Current.CancellationToken));

        var item = (await table.Client.GetItemAsync(new GetItemRequest
        {
            TableName = UserStateTableFixture.Table,
            Key = new() { ["pk"] = new AttributeValue { S = UserStateKeys.UserPartition("demo", user) }, ["sk"] = new AttributeValue { S = "GRACE" } },
        }, TestContext.Current.CancellationToken)).Item;
        Assert.Equal("2026-03-01T10:00:00.1230000Z", item["startedAt"].S);
    }

    [Fact]
    public async Task Concurrent_first_sign_ins_agree_on_one_start()
    {
        var user = User();
        var starts = await Task.WhenAll(Enumerable.Range(0, 8).Select(i => _grace.GetOrStartAsync("demo", user, Now.AddSeconds(i), TestContext.Current.CancellationToken)));
        Assert.Single(starts.Distinct());
    }

    [Fact]
    public async Task The_last_recovery_sign_in_is_recorded_and_read_back()
    {
        var user = User();
        Assert.Null(await _recoveries.GetLastAsync("demo", user, TestContext.Current.CancellationToken));
        await _recoveries.RecordAsync("demo", user, Now, TestContext.Current.CancellationToken);
        await _recoveries.RecordAsync("demo", user, Now.AddHours(2), TestContext.Current.CancellationToken);
        Assert.Equal(Now.AddHours(2), await _recoveries.GetLastAsync("demo", user, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task An_unreachable_store_is_ServiceUnavailable_without_the_librarys_text()
    {
        using var nowhere = UserStateTableFixture.ClientFor(new Uri($"http://127.0.0.1:{MotoServer.FreePort()}"));
        var grace = new DynamoDbGracePeriodStore(nowhere, UserStateTableFixture.Table);
        var failure = await Assert.ThrowsAsync<EnrollmentException>(() => grace.GetOrStartAsync("demo", "u", Now, TestContext.Current.CancellationToken));
        Assert.Equal(ErrorCode.ServiceUnavailable, failure.Code);
        Assert.DoesNotContain("127.0.0.1", failure.Message);

        var missingTable = new DynamoDbRecoverySignInStore(table.Client, "no-such-table");
        var missing = await Assert.ThrowsAsync<EnrollmentException>(() => missingTable.GetLastAsync("demo", "u", TestContext.Current.CancellationToken));
        Assert.Equal(ErrorCode.ServiceUnavailable, missing.Code);
    }
}
