using Enrollment.Core.Errors;
using Amazon.DynamoDBv2.Model;
using Amazon.DynamoDBv2;
using Enrollment.Core.Limits;
using static Enrollment.Infrastructure.DynamoDb.Attributes;

namespace Enrollment.Infrastructure.DynamoDb;

/// <summary>
/// Fixed-window counters, one conditional UpdateItem each: DynamoDB serializes writes to one item, so N
/// parallel callers under a limit of L get exactly L acquisitions, with no read-modify-write race.
/// </summary>
/// <remarks>
/// An SDK retry after a lost response may count one attempt twice: that errs towards refusing, never
/// towards letting more through.
/// </remarks>
public sealed class DynamoDbRateLimiter(IAmazonDynamoDB client, string tableName) : IRateLimiter
{
    private static readonly RateLimitDecision Allowed = new(true);
    private static readonly RateLimitDecision Refused = new(false);

    public async Task<RateLimitDecision> TryAcquireAsync(RateLimitCounter counter, int limit, CancellationToken cancellationToken)
    {
        if (limit <= 0) return Refused;
        var request = new UpdateItemRequest
        {
            TableName = tableName,
            Key = KeyOf(counter),
            UpdateExpression = "ADD #count :one SET #expiresAt = :ttl",
            ConditionExpression = "attribute_not_exists(#count) OR #count < :limit",
            ExpressionAttributeNames = new() { ["#count"] = UserStateKeys.Count, ["#expiresAt"] = UserStateKeys.TimeToLive },
            ExpressionAttributeValues = new()
            {
                [":one"] = N(1),
                [":limit"] = N(limit),
                [":ttl"] = N(UserStateKeys.CounterExpiresAt(counter)),
            },
        };
        try
        {
            await client.UpdateItemAsync(request, cancellationToken).ConfigureAwait(false);
            return Allowed;
        }
        catch (ConditionalCheckFailedException)
        {
            return Refused;
        }
        catch (Exception ex) when (DynamoDbFailures.IsUnavailable(ex, cancellationToken))
        {
            throw StoreFailures.RateLimitUnavailable();
        }
    }

    public async Task ReleaseAsync(RateLimitCounter counter, CancellationToken cancellationToken)
    {
        var request = new UpdateItemRequest
        {
            TableName = tableName,
            Key = KeyOf(counter),
            UpdateExpression = "ADD #count :minusOne",
            // Never below zero, and never creates a counter that does not exist.
            ConditionExpression = "#count > :zero",
            ExpressionAttributeNames = new() { ["#count"] = UserStateKeys.Count },
            ExpressionAttributeValues = new() { [":minusOne"] = N(-1), [":zero"] = N(0) },
        };
        try
        {
            await client.UpdateItemAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch (ConditionalCheckFailedException)
        {
            // Nothing to give back.
        }
        catch (Exception ex) when (DynamoDbFailures.IsUnavailable(ex, cancellationToken))
        {
            throw StoreFailures.RateLimitUnavailable();
        }
    }

    /// <summary>A consistent GetItem of the counter: a read-only check that spends nothing.</summary>
    public async Task<int> CountAsync(RateLimitCounter counter, CancellationToken cancellationToken)
    {
        var request = new GetItemRequest
        {
            TableName = tableName,
            Key = KeyOf(counter),
            ConsistentRead = true,
            ProjectionExpression = "#count",
            ExpressionAttributeNames = new() { ["#count"] = UserStateKeys.Count },
        };
        try
        {
            var response = await client.GetItemAsync(request, cancellationToken).ConfigureAwait(false);
            return response.Item is { } item && item.TryGetValue(UserStateKeys.Count, out var count)
                && int.TryParse(count.N, System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var n) ? n : 0;
        }
        catch (Exception ex) when (DynamoDbFailures.IsUnavailable(ex, cancellationToken))
        {
            throw StoreFailures.RateLimitUnavailable();
        }
    }

    private static Dictionary<string, AttributeValue> KeyOf(RateLimitCounter counter) => new()
    {
        [UserStateKeys.PartitionKey] = S(UserStateKeys.CounterPartition(counter)),
        [UserStateKeys.SortKey] = S(UserStateKeys.CounterSortKey(counter)),
    };
}
