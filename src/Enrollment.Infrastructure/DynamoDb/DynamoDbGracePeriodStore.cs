using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Enrollment.Core.SignIn;

namespace Enrollment.Infrastructure.DynamoDb;

/// <summary>
/// Grace period starts in the user state table: item <c>sk = GRACE</c>, attribute <c>startedAt</c>. The first
/// sign-in writes it with a conditional put (attribute_not_exists), so it is recorded once; a later or concurrent
/// one gets the recorded start back from the failed condition (or, where the store does not return it, a
/// consistent GetItem). No TTL: the start must outlive any grace period.
/// </summary>
public sealed class DynamoDbGracePeriodStore(IAmazonDynamoDB client, string tableName) : IGracePeriodStore
{
    public const string GraceSortKey = "GRACE";
    public const string StartedAt = "startedAt";

    public async Task<DateTimeOffset> GetOrStartAsync(string tenantId, string username, DateTimeOffset now, CancellationToken cancellationToken)
    {
        try
        {
            return await StartOrReadAsync(SignInStateItems.Key(tenantId, username, GraceSortKey), now, cancellationToken);
        }
        catch (Exception ex) when (SignInStateItems.IsUnavailable(ex, cancellationToken))
        {
            throw SignInStateItems.UnavailableError();
        }
    }

    /// <summary>Overwrites the start (an administrator's audited grant): one unconditional PutItem.</summary>
    public async Task GrantAsync(string tenantId, string userSub, DateTimeOffset startedAt, CancellationToken cancellationToken)
    {
        try
        {
            await client.PutItemAsync(new PutItemRequest
            {
                TableName = tableName,
                Item = new Dictionary<string, AttributeValue>(SignInStateItems.Key(tenantId, userSub, GraceSortKey)) { [StartedAt] = SignInStateItems.Timestamp(startedAt) },
            }, cancellationToken);
        }
        catch (Exception ex) when (SignInStateItems.IsUnavailable(ex, cancellationToken))
        {
            throw SignInStateItems.UnavailableError();
        }
    }

    private async Task<DateTimeOffset> StartOrReadAsync(Dictionary<string, AttributeValue> key, DateTimeOffset now, CancellationToken cancellationToken)
    {
        Dictionary<string, AttributeValue>? recorded;
        try
        {
            await client.PutItemAsync(new PutItemRequest
            {
                TableName = tableName,
                Item = new Dictionary<string, AttributeValue>(key) { [StartedAt] = SignInStateItems.Timestamp(now) },
                ConditionExpression = "attribute_not_exists(#pk)",
                ExpressionAttributeNames = new Dictionary<string, string> { ["#pk"] = SignInStateItems.PartitionKey },
                ReturnValuesOnConditionCheckFailure = ReturnValuesOnConditionCheckFailure.ALL_OLD,
            }, cancellationToken);
            return now;
        }
        catch (ConditionalCheckFailedException conflict)
        {
            recorded = conflict.Item;
        }

        if (recorded is null || recorded.Count == 0)
        {
            var response = await client.GetItemAsync(new GetItemRequest { TableName = tableName, Key = key, ConsistentRead = true }, cancellationToken);
            recorded = response.Item;
        }
        if (SignInStateItems.TryReadTimestamp(recorded, StartedAt, out var startedAt)) return startedAt;

        // The condition failed yet nothing readable is there: a damaged item. Fail closed rather than restart the clock.
        throw SignInStateItems.UnavailableError();
    }
}
