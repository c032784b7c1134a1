using Amazon.DynamoDBv2.Model;
using Enrollment.Core.Errors;
using Enrollment.Core.Recovery;
using Enrollment.Infrastructure.DynamoDb;
using Enrollment.Testing;

namespace Enrollment.Infrastructure.Tests.DynamoDb;

[Collection(DynamoMotoCollection.Name)]
public sealed class DynamoDbRecoveryCodeStoreTests(MotoFixture dynamo) : IAsyncLifetime
{
    private string _table = "";
    private DynamoDbRecoveryCodeStore _store = null!;
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _table = await dynamo.CreateUserStateTableAsync();
        _store = new DynamoDbRecoveryCodeStore(dynamo.Client, _table, TimeProvider.System, new RecoveryCodeHasher(FakeRecoveryCodeStore.TestPepper));
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private Task<IssuedRecoveryCodes> IssueAsync(string username = "jane", int count = 10, DynamoDbRecoveryCodeStore? store = null) =>
        new RecoveryCodeIssuer(store ?? _store, TimeProvider.System).IssueAsync("acme", username, count, Ct);

    [Fact]
    public async Task Each_code_works_once_typed_loosely_and_the_count_goes_down()
    {
        var issued = await IssueAsync();
        Assert.Equal(10, await _store.CountRemainingAsync("acme", "jane", Ct));

        var loosely = issued.Codes[3].ToLowerInvariant().Replace('-', ' ');
        Assert.True(await _store.TryConsumeAsync("acme", "jane", loosely, Ct));
        Assert.False(await _store.TryConsumeAsync("acme", "jane", issued.Codes[3], Ct));
        Assert.True(await _store.TryConsumeAsync("acme", "jane", issued.Codes[4], Ct));
        Assert.Equal(8, await _store.CountRemainingAsync("acme", "jane", Ct));

        Assert.False(await _store.TryConsumeAsync("acme", "bob", issued.Codes[5], Ct));   // another user
        Assert.False(await _store.TryConsumeAsync("globex", "jane", issued.Codes[5], Ct)); // another tenant
        Assert.False(await _store.TryConsumeAsync("acme", "jane", "not a code", Ct));
    }

    [Fact]
    public async Task Twenty_concurrent_uses_of_one_code_let_exactly_one_through()
    {
        var store = new DynamoDbRecoveryCodeStore(dynamo.SerializedClient, _table, TimeProvider.System, new RecoveryCodeHasher(FakeRecoveryCodeStore.TestPepper));
        var issued = await IssueAsync(store: store);
        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var uses = Enumerable.Range(0, 20).Select(_ => Task.Run(async () =>
        {
            await start.Task;
            return await store.TryConsumeAsync("acme", "jane", issued.Codes[0], Ct);
        }, Ct)).ToList();
        start.SetResult();

        var results = await Task.WhenAll(uses);

        Assert.Equal(1, results.Count(r => r));
        Assert.Equal(9, await store.CountRemainingAsync("acme", "jane", Ct));
    }

    [Fact]
    public async Task A_new_set_invalidates_every_old_code_used_or_not()
    {
        var first = await IssueAsync();
        Assert.True(await _store.TryConsumeAsync("acme", "jane", first.Codes[0], Ct));

        var second = await IssueAsync(count: 4);

        Assert.All(first.Codes, code => Assert.False(_store.TryConsumeAsync("acme", "jane", code, Ct).GetAwaiter().GetResult()));
        Assert.Equal(4, await _store.CountRemainingAsync("acme", "jane", Ct));
        Assert.True(await _store.TryConsumeAsync("acme", "jane", second.Codes[0], Ct));
        var items = await RecoveryItemsAsync("jane");
        Assert.Equal(5, items.Count); // the set and its four codes: nothing of the first set is left
        var set = items.Single(i => i["sk"].S == "RECOVERY#SET");
        Assert.Equal("2", set["generation"].N);
        Assert.All(items.Where(i => i["sk"].S != "RECOVERY#SET"), i => Assert.Equal("2", i["generation"].N));
    }

    [Fact]
    public async Task Concurrent_replacements_leave_exactly_one_whole_set()
    {
        var store = new DynamoDbRecoveryCodeStore(dynamo.SerializedClient, _table, TimeProvider.System, new RecoveryCodeHasher(FakeRecoveryCodeStore.TestPepper));
        await IssueAsync(store: store);
        var attempts = Enumerable.Range(0, 4).Select(_ => Task.Run(async () =>
        {
            try
            {
                return await IssueAsync(store: store);
            }
            catch (EnrollmentException ex) when (ex.Code == ErrorCode.Conflict)
            {
                return null;
            }
        }, Ct)).ToList();

        var outcomes = await Task.WhenAll(attempts);

        var winners = outcomes.Where(o => o is not null).ToList();
        Assert.NotEmpty(winners);
        var working = winners.Where(w => store.TryConsumeAsync("acme", "jane", w!.Codes[0], Ct).GetAwaiter().GetResult()).ToList();
        Assert.Single(working);
        Assert.Equal(9, await store.CountRemainingAsync("acme", "jane", Ct));
        Assert.Equal(11, (await RecoveryItemsAsync("jane")).Count);
    }

    [Fact]
    public async Task Stored_items_hold_hashes_and_salt_never_a_code()
    {
        var issued = await IssueAsync();

        var items = await RecoveryItemsAsync("jane");
        var stored = string.Join("\n", items.SelectMany(i => i.Values).Select(v => v.S ?? v.N));
        foreach (var code in issued.Codes)
        {
            Assert.DoesNotContain(code, stored, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain(code.Replace("-", ""), stored, StringComparison.OrdinalIgnoreCase);
        }
        Assert.All(items.Where(i => i["sk"].S != "RECOVERY#SET"), i => Assert.Matches("^RECOVERY#CODE#[0-9a-f]{64}$", i["sk"].S));
        Assert.Equal(RecoveryCodeHasher.SaltBytes, Convert.FromBase64String(items.Single(i => i["sk"].S == "RECOVERY#SET")["salt"].S).Length);
    }

    [Fact]
    public async Task A_user_without_codes_gets_no_item_from_a_guess_and_delete_all_leaves_nothing()
    {
        Assert.False(await _store.TryConsumeAsync("acme", "nobody", "ABCDE-23456", Ct));
        Assert.Empty(await RecoveryItemsAsync("nobody"));
        Assert.Equal(0, await _store.CountRemainingAsync("acme", "nobody", Ct));

        var issued = await IssueAsync();
        await _store.DeleteAllAsync("acme", "jane", Ct);

        Assert.Empty(await RecoveryItemsAsync("jane"));
        Assert.False(await _store.TryConsumeAsync("acme", "jane", issued.Codes[0], Ct));
        await _store.DeleteAllAsync("acme", "jane", Ct); // nothing to delete is fine
    }

    private async Task<List<Dictionary<string, AttributeValue>>> RecoveryItemsAsync(string username)
    {
        var response = await dynamo.Client.QueryAsync(new QueryRequest
        {
            TableName = _table,
            KeyConditionExpression = "pk = :pk AND begins_with(sk, :prefix)",
            ExpressionAttributeValues = new()
            {
                [":pk"] = new AttributeValue { S = UserStateKeys.UserPartition("acme", username) },
                [":prefix"] = new AttributeValue { S = "RECOVERY#" },
            },
            ConsistentRead = true,
        }, Ct);
        return response.Items ?? [];
    }
}
