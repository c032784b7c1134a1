using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Enrollment.Core.Audit;
using Enrollment.Core.Errors;
using Enrollment.Core.Policy;
using static Enrollment.Infrastructure.DynamoDb.Attributes;

namespace Enrollment.Infrastructure.DynamoDb;

/// <summary>
/// Reads the audit trail newest first: a user's events from their partition, a tenant's events from the
/// <see cref="AuditKeys.ShardCount"/> shards of the <see cref="AuditKeys.TenantTimeIndex"/> index, queried in
/// parallel and merged. Kept apart from <see cref="DynamoDbAuditLog"/> so only an admin function needs dynamodb:Query.
/// </summary>
public sealed class DynamoDbAuditReader(IAmazonDynamoDB client, string tableName)
{
    private static readonly AuditPage Empty = new([], null);

    public async Task<AuditPage> QueryByUserAsync(string tenantId, string username, AuditQuery query, CancellationToken cancellationToken)
    {
        var (from, to) = Range(query);
        // A tenant or username that cannot be a key has no events under it.
        if (!TenantId.IsValid(tenantId) || !AuditKeys.IsKeyable(username)) return Empty;
        var partition = AuditKeys.UserPartition(tenantId, username);
        var scope = AuditContinuationToken.UserScope(tenantId, username, from, to);

        Dictionary<string, AttributeValue>? start = null;
        if (query.ContinuationToken is { } token)
        {
            var sortKey = AuditContinuationToken.ReadUser(token, scope);
            if (sortKey is null || !IsInside(sortKey, from, to)) throw InvalidToken();
            start = new() { [AuditKeys.PartitionKey] = S(partition), [AuditKeys.SortKey] = S(sortKey) };
        }

        var request = new QueryRequest
        {
            TableName = tableName,
            KeyConditionExpression = "pk = :pk AND sk BETWEEN :from AND :to",
            ExpressionAttributeValues = new() { [":pk"] = S(partition), [":from"] = S(from), [":to"] = S(to) },
            ScanIndexForward = false,
            Limit = query.Limit,
            ExclusiveStartKey = start,
        };
        var response = await QueryAsync(request, cancellationToken).ConfigureAwait(false);
        var events = ToEvents(response.Items ?? []);
        var next = response.LastEvaluatedKey is { Count: > 0 } last ? AuditContinuationToken.ForUser(scope, last[AuditKeys.SortKey].S) : null;
        return new AuditPage(events, next);
    }

    public async Task<AuditPage> QueryByTenantAsync(string tenantId, AuditQuery query, CancellationToken cancellationToken)
    {
        var (from, to) = Range(query);
        if (!TenantId.IsValid(tenantId)) return Empty;
        var scope = AuditContinuationToken.TenantScope(tenantId, from, to);
        var cursors = query.ContinuationToken is { } token ? ReadCursors(token, scope, tenantId, from, to) : NewCursors();

        var responses = new Task<QueryResponse>?[AuditKeys.ShardCount];
        for (var shard = 0; shard < responses.Length; shard++)
        {
            if (cursors[shard].State == ShardCursorState.Exhausted) continue;
            responses[shard] = QueryAsync(ShardRequest(tenantId, shard, cursors[shard], from, to, query.Limit), cancellationToken);
        }
        // Each shard query maps its own failure, so the first one surfaces here as ServiceUnavailable.
        await Task.WhenAll(responses.OfType<Task<QueryResponse>>()).ConfigureAwait(false);
        var pages = new ShardPage?[responses.Length];
        for (var shard = 0; shard < responses.Length; shard++)
        {
            if (responses[shard] is { } response)
                pages[shard] = new ShardPage(response.Result.Items ?? [], response.Result.LastEvaluatedKey);
        }
        return Merge(pages, cursors, query.Limit, scope);
    }

    /// <summary>
    /// k-way merge of the shards' newest-first pages. It stops early when a shard that has more items has
    /// handed out its whole page: its next item could be newer than any left in the other pages.
    /// </summary>
    private static AuditPage Merge(ShardPage?[] pages, ShardCursor[] cursors, int limit, string scope)
    {
        var taken = new int[pages.Length];
        var merged = new List<Dictionary<string, AttributeValue>>(limit);
        while (merged.Count < limit)
        {
            var best = -1;
            var blocked = false;
            for (var shard = 0; shard < pages.Length && !blocked; shard++)
            {
                if (pages[shard] is not { } page) continue;
                if (taken[shard] == page.Items.Count)
                {
                    blocked = page.HasMore;
                    continue;
                }
                if (best < 0 || string.CompareOrdinal(IndexSortKeyOf(page.Items[taken[shard]]), IndexSortKeyOf(pages[best]!.Items[taken[best]])) > 0)
                    best = shard;
            }
            if (blocked || best < 0) break;
            merged.Add(pages[best]!.Items[taken[best]++]);
        }

        var next = new ShardCursor[pages.Length];
        for (var shard = 0; shard < pages.Length; shard++)
            next[shard] = pages[shard] is { } page ? page.CursorAfter(taken[shard], cursors[shard]) : ShardCursor.Exhausted;
        var more = next.Any(c => c.State != ShardCursorState.Exhausted);
        return new AuditPage(ToEvents(merged), more ? AuditContinuationToken.ForTenant(scope, next) : null);
    }

    private QueryRequest ShardRequest(string tenantId, int shard, ShardCursor cursor, string from, string to, int limit)
    {
        var shardKey = AuditKeys.TenantShard(tenantId, shard);
        return new QueryRequest
        {
            TableName = tableName,
            IndexName = AuditKeys.TenantTimeIndex,
            KeyConditionExpression = "gsi1pk = :pk AND gsi1sk BETWEEN :from AND :to",
            ExpressionAttributeValues = new() { [":pk"] = S(shardKey), [":from"] = S(from), [":to"] = S(to) },
            ScanIndexForward = false,
            Limit = limit,
            ExclusiveStartKey = cursor.State == ShardCursorState.After
                ? new()
                {
                    [AuditKeys.IndexPartitionKey] = S(shardKey),
                    [AuditKeys.IndexSortKey] = S(cursor.IndexSortKey!),
                    [AuditKeys.PartitionKey] = S(cursor.PartitionKey!),
                    [AuditKeys.SortKey] = S(cursor.SortKey!),
                }
                : null,
        };
    }

    private async Task<QueryResponse> QueryAsync(QueryRequest request, CancellationToken cancellationToken)
    {
        try
        {
            return await client.QueryAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (DynamoDbFailures.IsUnavailable(ex, cancellationToken))
        {
            throw DynamoDbFailures.Unavailable(DynamoDbFailures.AuditUnavailable);
        }
    }

    /// <summary>
    /// Sort keys are "{time}#{requestId}", so BETWEEN time(From) AND time(To) holds exactly the events in
    /// [From, To): an event at To sorts after the bare time(To).
    /// </summary>
    private static (string From, string To) Range(AuditQuery query)
    {
        if (query.Limit is < 1 or > AuditQuery.MaxLimit)
            throw EnrollmentException.Invalid($"The limit must be between 1 and {AuditQuery.MaxLimit}.", "limit");
        if (query.From >= query.To)
            throw EnrollmentException.Invalid("The time range must start before it ends.", "from");
        return (AuditKeys.FormatTime(query.From), AuditKeys.FormatTime(query.To));
    }

    private static ShardCursor[] NewCursors()
    {
        var cursors = new ShardCursor[AuditKeys.ShardCount];
        Array.Fill(cursors, ShardCursor.NotStarted);
        return cursors;
    }

    /// <summary>A token of another query would page through something else: it is refused.</summary>
    private static ShardCursor[] ReadCursors(string token, string scope, string tenantId, string from, string to)
    {
        var cursors = AuditContinuationToken.ReadTenant(token, scope);
        if (cursors is null || cursors.Length != AuditKeys.ShardCount) throw InvalidToken();
        var prefix = AuditKeys.TenantPrefix(tenantId);
        foreach (var cursor in cursors)
        {
            if (cursor.State == ShardCursorState.After
                && (!cursor.PartitionKey!.StartsWith(prefix, StringComparison.Ordinal) || !IsInside(cursor.IndexSortKey!, from, to)))
                throw InvalidToken();
        }
        return cursors;
    }

    private static bool IsInside(string sortKey, string from, string to) =>
        string.CompareOrdinal(sortKey, from) >= 0 && string.CompareOrdinal(sortKey, to) <= 0;

    private static List<AuditEvent> ToEvents(List<Dictionary<string, AttributeValue>> items)
    {
        try
        {
            return items.ConvertAll(AuditItemMapper.FromItem);
        }
        catch (FormatException)
        {
            throw new EnrollmentException(ErrorCode.InternalError, "A stored audit item is malformed.");
        }
    }

    private static string IndexSortKeyOf(Dictionary<string, AttributeValue> item) => item[AuditKeys.IndexSortKey].S;

    private static EnrollmentException InvalidToken() =>
        EnrollmentException.Invalid("The continuation token is not valid for this query.", "continuationToken");

    /// <summary>One shard's answer: its items newest first, and whether DynamoDB holds more after them.</summary>
    private sealed record ShardPage(List<Dictionary<string, AttributeValue>> Items, Dictionary<string, AttributeValue>? LastEvaluatedKey)
    {
        public bool HasMore => LastEvaluatedKey is { Count: > 0 };

        public ShardCursor CursorAfter(int taken, ShardCursor previous)
        {
            if (taken == Items.Count)
                return HasMore ? CursorAt(LastEvaluatedKey!) : ShardCursor.Exhausted;
            return taken == 0 ? previous : CursorAt(Items[taken - 1]);
        }

        private static ShardCursor CursorAt(Dictionary<string, AttributeValue> key) => ShardCursor.After(
            key[AuditKeys.IndexSortKey].S, key[AuditKeys.PartitionKey].S, key[AuditKeys.SortKey].S);
    }
}
