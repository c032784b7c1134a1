using Amazon.DynamoDBv2.Model;
using Enrollment.Core.Totp;
using Enrollment.Infrastructure.DynamoDb;

namespace Enrollment.Infrastructure.Tests.DynamoDb;

[Collection(DynamoMotoCollection.Name)]
public sealed class DynamoDbEnrollmentRecordStoreTests(DynamoMotoFixture dynamo) : IAsyncLifetime
{
    private string _table = "";
    private DynamoDbEnrollmentRecordStore _store = null!;
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _table = await dynamo.CreateUserStateTableAsync();
        _store = new DynamoDbEnrollmentRecordStore(dynamo.Client, _table);
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    [Fact]
    public async Task A_record_is_one_item_per_user_sub_overwritten_by_the_next_enrollment_and_deleted_with_it()
    {
        var at = new DateTimeOffset(2026, 11, 21, 10, 15, 30, 123, TimeSpan.Zero);
        Assert.Null(await _store.GetAsync("acme", "sub-1", Ct));

        await _store.PutAsync(new EnrollmentRecord("acme", "jane", "sub-1", "Pixel 9", at), Ct);
        await _store.PutAsync(new EnrollmentRecord("acme", "jane", "sub-1", "iPhone 17", at.AddDays(1)), Ct);
        await _store.PutAsync(new EnrollmentRecord("acme", "bob", "sub-2", null, at), Ct);

        Assert.Equal(new EnrollmentRecord("acme", "jane", "sub-1", "iPhone 17", at.AddDays(1)), await _store.GetAsync("acme", "sub-1", Ct));
        Assert.Equal(new EnrollmentRecord("acme", "bob", "sub-2", null, at), await _store.GetAsync("acme", "sub-2", Ct));
        Assert.Null(await _store.GetAsync("globex", "sub-1", Ct));
        // Keyed by the sub only: the username is metadata, and looking one up finds nothing.
        Assert.Null(await _store.GetAsync("acme", "jane", Ct));

        var item = (await dynamo.Client.GetItemAsync(new GetItemRequest
        {
            TableName = _table,
            Key = new() { ["pk"] = new AttributeValue { S = "TENANT#acme#SUB#sub-1" }, ["sk"] = new AttributeValue { S = "ENROLLMENT" } },
        }, Ct)).Item;
        Assert.Equal("2026-11-22T10:15:30.123Z", item["enrolledAt"].S);
        Assert.Equal("jane", item["username"].S);

        await _store.DeleteAsync("acme", "sub-1", Ct);
        Assert.Null(await _store.GetAsync("acme", "sub-1", Ct));
        Assert.NotNull(await _store.GetAsync("acme", "sub-2", Ct));
    }

    [Fact]
    public async Task A_record_without_a_sub_is_refused()
    {
        await Assert.ThrowsAnyAsync<ArgumentException>(() => _store.PutAsync(new EnrollmentRecord("acme", "bob", null, null, DateTimeOffset.UnixEpoch), Ct));
    }
}
