using Amazon.DynamoDBv2.Model;
using Enrollment.Core.Errors;
using Enrollment.Infrastructure.DynamoDb;
using Enrollment.Local.Emulator;
using Enrollment.Testing;

namespace Enrollment.Infrastructure.Tests.DynamoDb;

/// <summary>
/// The sign-in triggers' user state stores on moto. One connection (the serialized client): moto does not serialize
/// conditional writes across parallel connections (AWS does), so the concurrency test's writes go one at a time while
/// the store's calls still overlap.
/// </summary>
[Collection(DynamoMotoCollection.Name)]
public sealed class DynamoDbSignInStoresTests(MotoFixture moto) : IAsyncLifetime
{
    private static readonly DateTimeOffset Now = new(2026, 3, 1, 10, 0, 0, 123, TimeSpan.Zero);
    private string _table = "";
    private DynamoDbGracePeriodStore _grace = null!;
    private DynamoDbRecoverySignInStore _recoveries = null!;

    public async ValueTask InitializeAsync()
    {
        _table = await moto.CreateUserStateTableAsync();
        _grace = new(moto.SerializedClient, _table);
        _recoveries = new(moto.SerializedClient, _table);
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private static string User() => "user-" + Guid.NewGuid().ToString("n")[..8];

    [Fact]
    public async Task The_grace_period_starts_once_and_later_sign_ins_read_the_start()
    {
        var user = User();
        Assert.Equal(Now, await _grace.GetOrStartAsync("demo", user, Now, TestContext.Current.CancellationToken));
        Assert.Equal(Now, await _grace.GetOrStartAsync("demo", user, Now.AddDays(3), TestContext.Current.CancellationToken));
        // Another tenant's user of the same name has a clock of their own.
        Assert.Equal(Now.AddDays(5), await _grace.GetOrStartAsync("other", user, Now.AddDays(5), TestContext.Current.CancellationToken));

        var item = (await moto.Client.GetItemAsync(new GetItemRequest
        {
            TableName = _table,
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
        using var nowhere = DynamoDbClientFactory.Create(
            new DynamoDbClientSettings { Endpoint = new Uri($"http://127.0.0.1:{LoopbackPort.Free()}"), Region = MotoFixture.Region }, MotoFixture.Credentials);
        var grace = new DynamoDbGracePeriodStore(nowhere, _table);
        var failure = await Assert.ThrowsAsync<EnrollmentException>(() => grace.GetOrStartAsync("demo", "u", Now, TestContext.Current.CancellationToken));
        Assert.Equal(ErrorCode.ServiceUnavailable, failure.Code);
        Assert.DoesNotContain("127.0.0.1", failure.Message);

        var missingTable = new DynamoDbRecoverySignInStore(moto.Client, "no-such-table");
        var missing = await Assert.ThrowsAsync<EnrollmentException>(() => missingTable.GetLastAsync("demo", "u", TestContext.Current.CancellationToken));
        Assert.Equal(ErrorCode.ServiceUnavailable, missing.Code);
    }
}
