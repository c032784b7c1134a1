using Amazon.DynamoDBv2.Model;
using Enrollment.Core.Limits;
using Enrollment.Infrastructure.DynamoDb;
using Xunit;

namespace Enrollment.Infrastructure.Tests.DynamoDb;

[Collection(DynamoMotoCollection.Name)]
public sealed class DynamoDbRateLimiterTests(DynamoMotoFixture dynamo) : IAsyncLifetime
{
    private static readonly DateTimeOffset Now = new(2025, 3, 14, 9, 26, 53, TimeSpan.Zero);
    private string _table = "";
    private DynamoDbRateLimiter _limiter = null!;
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _table = await dynamo.CreateUserStateTableAsync();
        _limiter = new DynamoDbRateLimiter(dynamo.Client, _table);
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    [Fact]
    public async Task Forty_parallel_acquisitions_under_a_limit_of_seven_allow_exactly_seven_and_a_release_gives_one_back()
    {
        var counter = RateLimitCounter.Hourly("acme", RateLimitSubject.User("jane"), "associate", Now);
        var limiter = new DynamoDbRateLimiter(dynamo.SerializedClient, _table);
        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var attempts = Enumerable.Range(0, 40).Select(_ => Task.Run(async () =>
        {
            await start.Task;
            return await limiter.TryAcquireAsync(counter, 7, Ct);
        }, Ct)).ToList();
        start.SetResult();
        var decisions = await Task.WhenAll(attempts);

        Assert.Equal(7, decisions.Count(d => d.Allowed));
        Assert.Equal("7", (await ReadAsync(counter))?["count"].N);

        await _limiter.ReleaseAsync(counter, Ct);
        Assert.True((await _limiter.TryAcquireAsync(counter, 7, Ct)).Allowed);
        Assert.False((await _limiter.TryAcquireAsync(counter, 7, Ct)).Allowed);
        Assert.Equal("7", (await ReadAsync(counter))?["count"].N);
    }

    [Fact]
    public async Task Counters_are_per_user_action_and_window_and_expire_a_day_after_their_window()
    {
        var jane = RateLimitCounter.Hourly("acme", RateLimitSubject.User("jane"), "verify-failure", Now);
        Assert.True((await _limiter.TryAcquireAsync(jane, 1, Ct)).Allowed);
        Assert.False((await _limiter.TryAcquireAsync(jane, 1, Ct)).Allowed);

        Assert.True((await _limiter.TryAcquireAsync(jane with { Subject = RateLimitSubject.User("bob") }, 1, Ct)).Allowed);
        Assert.True((await _limiter.TryAcquireAsync(jane with { Action = "associate" }, 1, Ct)).Allowed);
        Assert.True((await _limiter.TryAcquireAsync(jane with { TenantId = "globex" }, 1, Ct)).Allowed);
        Assert.True((await _limiter.TryAcquireAsync(RateLimitCounter.Hourly("acme", RateLimitSubject.User("jane"), "verify-failure", Now.AddHours(1)), 1, Ct)).Allowed);

        var item = await ReadAsync(jane);
        Assert.NotNull(item);
        Assert.Equal("TENANT#acme#SUB#jane", item["pk"].S); // the user's own partition (keyed by sub)
        Assert.Equal("LIMIT#verify-failure#202503140900", item["sk"].S);
        Assert.Equal(new DateTimeOffset(2025, 3, 15, 10, 0, 0, TimeSpan.Zero).ToUnixTimeSeconds().ToString(), item["expiresAt"].N);
    }

    [Fact]
    public async Task A_user_named_like_a_source_never_charges_that_sources_counter()
    {
        // Before issue 8 subjects were strings and a source was "ip:" + address: a username "ip:203.0.113.7" was that
        // address's counter. Typed subjects live in disjoint partitions whatever a user value looks like.
        var source = RateLimitCounter.Hourly("acme", RateLimitSubject.Source("203.0.113.7"), "associate", Now);
        foreach (var lookalike in new[] { "ip:203.0.113.7", "203.0.113.7", "SOURCE#203.0.113.7", "x#SOURCE#203.0.113.7" })
        {
            var user = source with { Subject = RateLimitSubject.User(lookalike) };
            Assert.True((await _limiter.TryAcquireAsync(user, 1, Ct)).Allowed);
            Assert.NotEqual(UserStateKeys.CounterPartition(source), UserStateKeys.CounterPartition(user));
        }
        Assert.Null(await ReadAsync(source));
        Assert.True((await _limiter.TryAcquireAsync(source, 1, Ct)).Allowed);
        Assert.Equal("TENANT#acme#SOURCE#203.0.113.7", (await ReadAsync(source))?["pk"].S);
    }

    [Fact]
    public async Task Release_never_goes_below_zero_nor_creates_a_counter()
    {
        var counter = RateLimitCounter.Hourly("acme", RateLimitSubject.User("jane"), "associate", Now);
        await _limiter.ReleaseAsync(counter, Ct);
        Assert.Null(await ReadAsync(counter));

        Assert.True((await _limiter.TryAcquireAsync(counter, 1, Ct)).Allowed);
        await _limiter.ReleaseAsync(counter, Ct);
        await _limiter.ReleaseAsync(counter, Ct);
        Assert.Equal("0", (await ReadAsync(counter))?["count"].N);
        Assert.True((await _limiter.TryAcquireAsync(counter, 1, Ct)).Allowed);
        Assert.False((await _limiter.TryAcquireAsync(counter, 1, Ct)).Allowed);
    }

    private async Task<Dictionary<string, AttributeValue>?> ReadAsync(RateLimitCounter counter)
    {
        var response = await dynamo.Client.GetItemAsync(new GetItemRequest
        {
            TableName = _table,
            Key = new()
            {
                ["pk"] = new AttributeValue { S = UserStateKeys.CounterPartition(counter) },
                ["sk"] = new AttributeValue { S = UserStateKeys.CounterSortKey(counter) },
            },
            ConsistentRead = true,
        }, Ct);
        return response.Item is { Count: > 0 } item ? item : null;
    }
}
