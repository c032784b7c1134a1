using Amazon.DynamoDBv2.Model;
using Enrollment.Core.Enrollment;
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
    public async Task A_record_is_one_item_per_user_overwritten_by_the_next_enrollment_and_deleted_with_it()
    {
        var at = new DateTimeOffset(2026, 11, 21, 10, 15, 30, 123, TimeSpan.Zero);
        Assert.Null(await _store.GetAsync("acme", "jane", Ct));

        await _store.PutAsync(new EnrollmentRecord("acme", "jane", "sub-1", "Pixel 9", at), Ct);
        await _store.PutAsync(new EnrollmentRecord("acme", "jane", "sub-1", "iPhone 17", at.AddDays(1)), Ct);
        await _store.PutAsync(new EnrollmentRecord("acme", "bob", null, null, at), Ct);

        Assert.Equal(new EnrollmentRecord("acme", "jane", "sub-1", "iPhone 17", at.AddDays(1)), await _store.GetAsync("acme", "jane", Ct));
        Assert.Equal(new EnrollmentRecord("acme", "bob", null, null, at), await _store.GetAsync("acme", "bob", Ct));
        Assert.Null(await _store.GetAsync("globex", "jane", Ct));

        var item = (await dynamo.Client.GetItemAsync(new GetItemRequest
        {
            TableName = _table,
            Key = new() { ["pk"] = new AttributeValue { S = "TENANT#acme#USER#jane" }, ["sk"] = new AttributeValue { S = "ENROLLMENT" } },
        }, Ct)).Item;
        Assert.Equal("2026-11-22T10:15:30.123Z", item["enrolledAt"].S);

        await _store.DeleteAsync("acme", "jane", Ct);
        Assert.Null(await _store.GetAsync("acme", "jane", Ct));
        Assert.NotNull(await _store.GetAsync("acme", "bob", Ct));
    }
}
