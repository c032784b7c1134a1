using System.Globalization;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Enrollment.Core.Errors;
using Enrollment.Core.Recovery;
using Enrollment.Core.Time;
using static Enrollment.Infrastructure.DynamoDb.Attributes;

namespace Enrollment.Infrastructure.DynamoDb;

/// <summary>
/// Recovery codes in the user state table, under the user's partition: a set item (<c>RECOVERY#SET</c>: salt,
/// generation, issuedAt) and one item per code (<c>RECOVERY#CODE#{hash}</c>: generation, usedAt once used).
/// Only peppered, salted hashes are stored (see <see cref="RecoveryCodeHasher"/>); the partition is the user's sub.
/// </summary>
/// <remarks>
/// Consume is one conditional UpdateItem on the code's item (exists, unused, of the current generation):
/// DynamoDB applies writes to one item one at a time, so of two concurrent uses of a code exactly one wins.
/// Replace is one transaction that writes the next generation's set item, deletes the current codes and puts
/// the new ones: after it, no old code exists to be consumed, even by a reader that saw the old set.
/// </remarks>
public sealed class DynamoDbRecoveryCodeStore(IAmazonDynamoDB client, string tableName, TimeProvider time, RecoveryCodeHasher hasher) : IRecoveryCodeStore
{
    public RecoveryCodeHasher Hasher { get; } = hasher ?? throw new ArgumentNullException(nameof(hasher));

    /// <summary>DynamoDB's limit on the actions of one transaction; a set of 20 replacing 20 needs 41.</summary>
    public const int MaxTransactionItems = 100;

    private const string Salt = "salt";
    private const string Generation = "generation";
    private const string IssuedAt = "issuedAt";
    private const string CodeCount = "codeCount";
    private const string UsedAt = "usedAt";

    /// <summary>
    /// For users without a set: the consume still hashes and makes its one conditional write (which finds no
    /// item), so an unknown user or one without codes costs the same round trips as a wrong code.
    /// </summary>
    private static readonly byte[] NoSetSalt = new byte[RecoveryCodeHasher.SaltBytes];

    public async Task<bool> TryConsumeAsync(string tenantId, string username, string code, CancellationToken cancellationToken)
    {
        var normalized = RecoveryCode.Normalize(code);
        if (normalized is null) return false;
        var set = await ReadSetAsync(tenantId, username, cancellationToken).ConfigureAwait(false);
        var request = new UpdateItemRequest
        {
            TableName = tableName,
            Key = KeyOf(tenantId, username, UserStateKeys.RecoveryCodeSortKey(Hasher.Hash(set?.Salt ?? NoSetSalt, normalized))),
            UpdateExpression = "SET #usedAt = :now",
            ConditionExpression = "attribute_exists(#pk) AND attribute_not_exists(#usedAt) AND #generation = :generation",
            ExpressionAttributeNames = new() { ["#pk"] = UserStateKeys.PartitionKey, ["#usedAt"] = UsedAt, ["#generation"] = Generation },
            ExpressionAttributeValues = new()
            {
                [":now"] = S(IsoTime.Format(time.GetUtcNow())),
                [":generation"] = N(set?.Generation ?? 0),
            },
        };
        try
        {
            await client.UpdateItemAsync(request, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (ConditionalCheckFailedException)
        {
            return false;
        }
        catch (Exception ex) when (DynamoDbFailures.IsUnavailable(ex, cancellationToken))
        {
            throw StoreFailures.RecoveryCodesUnavailable();
        }
    }

    public async Task ReplaceAsync(string tenantId, string username, RecoveryCodeSet set, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(set);
        var stored = await QueryAsync(tenantId, username, cancellationToken).ConfigureAwait(false);
        // Codes of older generations can match nothing (other salt, other generation); they go outside the
        // transaction so that it always fits.
        await DeleteAsync(tenantId, username, stored.Codes.Where(c => c.Generation != stored.Generation).Select(c => c.SortKey), cancellationToken).ConfigureAwait(false);
        var current = stored.Codes.Where(c => c.Generation == stored.Generation).Select(c => c.SortKey).ToList();
        if (1 + current.Count + set.Hashes.Count > MaxTransactionItems)
            throw new InvalidOperationException($"A recovery code set of {set.Hashes.Count} replacing {current.Count} does not fit one transaction.");

        var generation = (stored.Generation ?? 0) + 1;
        var items = new List<TransactWriteItem>(1 + current.Count + set.Hashes.Count) { SetPut(tenantId, username, set, stored.Generation, generation) };
        items.AddRange(current.Select(sortKey => new TransactWriteItem { Delete = new Delete { TableName = tableName, Key = KeyOf(tenantId, username, sortKey) } }));
        items.AddRange(set.Hashes.Select(hash => CodePut(tenantId, username, hash, generation)));
        try
        {
            await client.TransactWriteItemsAsync(new TransactWriteItemsRequest { TransactItems = items }, cancellationToken).ConfigureAwait(false);
        }
        catch (TransactionCanceledException)
        {
            // Another replacement (or a consume of a code being deleted) got there first: nothing was written.
            throw StoreFailures.RecoveryCodesChanged();
        }
        catch (Exception ex) when (DynamoDbFailures.IsUnavailable(ex, cancellationToken))
        {
            throw StoreFailures.RecoveryCodesUnavailable();
        }
    }

    public async Task<int> CountRemainingAsync(string tenantId, string username, CancellationToken cancellationToken)
    {
        var stored = await QueryAsync(tenantId, username, cancellationToken).ConfigureAwait(false);
        return stored.Generation is null ? 0 : stored.Codes.Count(c => c.Generation == stored.Generation && !c.Used);
    }

    public async Task DeleteAllAsync(string tenantId, string username, CancellationToken cancellationToken)
    {
        var stored = await QueryAsync(tenantId, username, cancellationToken).ConfigureAwait(false);
        // The set first: without its salt no code can be matched any more, whatever is left of the rest.
        if (stored.Generation is not null)
            await DeleteAsync(tenantId, username, [UserStateKeys.RecoverySetSortKey], cancellationToken).ConfigureAwait(false);
        await DeleteAsync(tenantId, username, stored.Codes.Select(c => c.SortKey), cancellationToken).ConfigureAwait(false);
    }

    private TransactWriteItem SetPut(string tenantId, string username, RecoveryCodeSet set, long? expected, long generation)
    {
        var item = KeyOf(tenantId, username, UserStateKeys.RecoverySetSortKey);
        item[Salt] = S(Convert.ToBase64String(set.Salt));
        item[Generation] = N(generation);
        item[IssuedAt] = S(IsoTime.Format(set.IssuedAt));
        item[CodeCount] = N(set.Hashes.Count);
        var put = new Put { TableName = tableName, Item = item };
        // Optimistic concurrency: of two replacements that read the same generation, one commits.
        if (expected is null)
        {
            put.ConditionExpression = "attribute_not_exists(#pk)";
            put.ExpressionAttributeNames = new() { ["#pk"] = UserStateKeys.PartitionKey };
        }
        else
        {
            put.ConditionExpression = "#generation = :expected";
            put.ExpressionAttributeNames = new() { ["#generation"] = Generation };
            put.ExpressionAttributeValues = new() { [":expected"] = N(expected.Value) };
        }
        return new TransactWriteItem { Put = put };
    }

    private TransactWriteItem CodePut(string tenantId, string username, string hash, long generation)
    {
        var item = KeyOf(tenantId, username, UserStateKeys.RecoveryCodeSortKey(hash));
        item[Generation] = N(generation);
        return new TransactWriteItem { Put = new Put { TableName = tableName, Item = item } };
    }

    private async Task<StoredSet?> ReadSetAsync(string tenantId, string username, CancellationToken cancellationToken)
    {
        var request = new GetItemRequest
        {
            TableName = tableName,
            Key = KeyOf(tenantId, username, UserStateKeys.RecoverySetSortKey),
            ConsistentRead = true,
            ProjectionExpression = "#salt, #generation",
            ExpressionAttributeNames = new() { ["#salt"] = Salt, ["#generation"] = Generation },
        };
        var response = await CallAsync(() => client.GetItemAsync(request, cancellationToken), cancellationToken).ConfigureAwait(false);
        if (response.Item is not { Count: > 0 } item) return null;
        return new StoredSet(Convert.FromBase64String(item[Salt].S), long.Parse(item[Generation].N, CultureInfo.InvariantCulture));
    }

    /// <summary>Every recovery item of the user (at most a set and a few dozen codes): one Query, strongly consistent.</summary>
    private async Task<StoredItems> QueryAsync(string tenantId, string username, CancellationToken cancellationToken)
    {
        long? generation = null;
        var codes = new List<StoredCode>();
        Dictionary<string, AttributeValue>? start = null;
        do
        {
            var request = new QueryRequest
            {
                TableName = tableName,
                KeyConditionExpression = "#pk = :pk AND begins_with(#sk, :prefix)",
                ProjectionExpression = "#sk, #generation, #usedAt",
                ExpressionAttributeNames = new()
                {
                    ["#pk"] = UserStateKeys.PartitionKey, ["#sk"] = UserStateKeys.SortKey, ["#generation"] = Generation, ["#usedAt"] = UsedAt,
                },
                ExpressionAttributeValues = new()
                {
                    [":pk"] = S(UserStateKeys.UserPartition(tenantId, username)),
                    [":prefix"] = S(UserStateKeys.RecoveryPrefix),
                },
                ConsistentRead = true,
                ExclusiveStartKey = start,
            };
            var page = await CallAsync(() => client.QueryAsync(request, cancellationToken), cancellationToken).ConfigureAwait(false);
            foreach (var item in page.Items ?? [])
            {
                var sortKey = item[UserStateKeys.SortKey].S;
                var itemGeneration = long.Parse(item[Generation].N, CultureInfo.InvariantCulture);
                if (sortKey == UserStateKeys.RecoverySetSortKey) generation = itemGeneration;
                else codes.Add(new StoredCode(sortKey, itemGeneration, item.ContainsKey(UsedAt)));
            }
            start = page.LastEvaluatedKey is { Count: > 0 } next ? next : null;
        }
        while (start is not null);
        return new StoredItems(generation, codes);
    }

    private Task DeleteAsync(string tenantId, string username, IEnumerable<string> sortKeys, CancellationToken cancellationToken) =>
        Task.WhenAll(sortKeys.Select(sortKey => CallAsync(
            () => client.DeleteItemAsync(new DeleteItemRequest { TableName = tableName, Key = KeyOf(tenantId, username, sortKey) }, cancellationToken),
            cancellationToken)));

    private static Dictionary<string, AttributeValue> KeyOf(string tenantId, string username, string sortKey) =>
        UserStateKeys.ItemKey(tenantId, username, sortKey);

    private static Task<T> CallAsync<T>(Func<Task<T>> call, CancellationToken cancellationToken) =>
        DynamoDbFailures.GuardAsync(call, StoreFailures.RecoveryCodesUnavailable, cancellationToken);

    private sealed record StoredSet(byte[] Salt, long Generation);

    private sealed record StoredCode(string SortKey, long Generation, bool Used);

    private sealed record StoredItems(long? Generation, List<StoredCode> Codes);
}
