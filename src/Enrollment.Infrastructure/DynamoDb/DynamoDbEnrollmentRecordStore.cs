using Enrollment.Core.Errors;
using Amazon.DynamoDBv2.Model;
using Amazon.DynamoDBv2;
using Enrollment.Core.Time;
using Enrollment.Core.Totp;
using static Enrollment.Infrastructure.DynamoDb.Attributes;

namespace Enrollment.Infrastructure.DynamoDb;

/// <summary>
/// Enrollment records in the user state table: <c>pk</c> = the user's partition (by sub), <c>sk</c> = ENROLLMENT. One
/// item per user, overwritten by each new enrollment: only the current authenticator is described. The username is
/// kept as metadata only (what it was at enrollment).
/// </summary>
public sealed class DynamoDbEnrollmentRecordStore(IAmazonDynamoDB client, string tableName) : IEnrollmentRecordStore
{
    private const string Username = "username";
    private const string UserSub = "userSub";
    private const string DeviceName = "deviceName";
    private const string EnrolledAt = "enrolledAt";

    public async Task<EnrollmentRecord?> GetAsync(string tenantId, string userSub, CancellationToken cancellationToken)
    {
        var request = new GetItemRequest { TableName = tableName, Key = KeyOf(tenantId, userSub), ConsistentRead = true };
        var response = await CallAsync(() => client.GetItemAsync(request, cancellationToken), cancellationToken).ConfigureAwait(false);
        if (response.Item is not { Count: > 0 } item) return null;
        return new EnrollmentRecord(
            tenantId,
            item.GetValueOrDefault(Username)?.S ?? userSub,
            userSub,
            item.GetValueOrDefault(DeviceName)?.S,
            IsoTime.Parse(item[EnrolledAt].S));
    }

    public Task PutAsync(EnrollmentRecord record, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(record);
        ArgumentException.ThrowIfNullOrEmpty(record.UserSub, nameof(record));
        var item = KeyOf(record.TenantId, record.UserSub);
        item[Username] = S(record.Username);
        item[EnrolledAt] = S(IsoTime.Format(record.EnrolledAt));
        item[UserSub] = S(record.UserSub);
        if (!string.IsNullOrEmpty(record.DeviceName)) item[DeviceName] = S(record.DeviceName);
        return CallAsync(() => client.PutItemAsync(new PutItemRequest { TableName = tableName, Item = item }, cancellationToken), cancellationToken);
    }

    public Task DeleteAsync(string tenantId, string userSub, CancellationToken cancellationToken) =>
        CallAsync(() => client.DeleteItemAsync(new DeleteItemRequest { TableName = tableName, Key = KeyOf(tenantId, userSub) }, cancellationToken), cancellationToken);

    private static Dictionary<string, AttributeValue> KeyOf(string tenantId, string userSub) =>
        UserStateKeys.ItemKey(tenantId, userSub, UserStateKeys.EnrollmentSortKey);

    private static Task<T> CallAsync<T>(Func<Task<T>> call, CancellationToken cancellationToken) =>
        DynamoDbFailures.GuardAsync(call, StoreFailures.EnrollmentRecordUnavailable, cancellationToken);
}
