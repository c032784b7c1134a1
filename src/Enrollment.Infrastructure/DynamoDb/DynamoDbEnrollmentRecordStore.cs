using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Enrollment.Core.Enrollment;
using static Enrollment.Infrastructure.DynamoDb.Attributes;

namespace Enrollment.Infrastructure.DynamoDb;

/// <summary>
/// Enrollment records in the user state table: <c>pk</c> = the user's partition, <c>sk</c> = ENROLLMENT. One item
/// per user, overwritten by each new enrollment: only the current authenticator is described.
/// </summary>
public sealed class DynamoDbEnrollmentRecordStore(IAmazonDynamoDB client, string tableName) : IEnrollmentRecordStore
{
    private const string Username = "username";
    private const string UserSub = "userSub";
    private const string DeviceName = "deviceName";
    private const string EnrolledAt = "enrolledAt";

    public async Task<EnrollmentRecord?> GetAsync(string tenantId, string username, CancellationToken cancellationToken)
    {
        var request = new GetItemRequest { TableName = tableName, Key = KeyOf(tenantId, username), ConsistentRead = true };
        var response = await CallAsync(() => client.GetItemAsync(request, cancellationToken), cancellationToken).ConfigureAwait(false);
        if (response.Item is not { Count: > 0 } item) return null;
        return new EnrollmentRecord(
            tenantId,
            username,
            item.GetValueOrDefault(UserSub)?.S,
            item.GetValueOrDefault(DeviceName)?.S,
            AuditKeys.ParseTime(item[EnrolledAt].S));
    }

    public Task PutAsync(EnrollmentRecord record, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(record);
        var item = KeyOf(record.TenantId, record.Username);
        item[Username] = S(record.Username);
        item[EnrolledAt] = S(AuditKeys.FormatTime(record.EnrolledAt));
        if (!string.IsNullOrEmpty(record.UserSub)) item[UserSub] = S(record.UserSub);
        if (!string.IsNullOrEmpty(record.DeviceName)) item[DeviceName] = S(record.DeviceName);
        return CallAsync(() => client.PutItemAsync(new PutItemRequest { TableName = tableName, Item = item }, cancellationToken), cancellationToken);
    }

    public Task DeleteAsync(string tenantId, string username, CancellationToken cancellationToken) =>
        CallAsync(() => client.DeleteItemAsync(new DeleteItemRequest { TableName = tableName, Key = KeyOf(tenantId, username) }, cancellationToken), cancellationToken);

    private static Dictionary<string, AttributeValue> KeyOf(string tenantId, string username) =>
        UserStateKeys.ItemKey(tenantId, username, UserStateKeys.EnrollmentSortKey);

    private static Task<T> CallAsync<T>(Func<Task<T>> call, CancellationToken cancellationToken) =>
        DynamoDbFailures.GuardAsync(call, DynamoDbFailures.EnrollmentRecordUnavailable, cancellationToken);
}
