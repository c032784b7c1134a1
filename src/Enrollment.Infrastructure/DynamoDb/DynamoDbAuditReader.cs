using Amazon.DynamoDBv2.Model;
using Amazon.DynamoDBv2;
using Enrollment.Core.Audit;
using Enrollment.Core.Errors;
using Enrollment.Core.Identity;
using Enrollment.Core.Policy;
using Enrollment.Core.Time;
using static Enrollment.Infrastructure.DynamoDb.Attributes;

namespace Enrollment.Infrastructure.DynamoDb;

/// <summary>
/// Reads the audit trail newest first: a user's events from their partition, a tenant's events from the
/// <see cref="AuditKeys.ShardCount"/> shards of the <see cref="AuditKeys.TenantTimeIndex"/> index, queried in
/// parallel and merged. Kept apart from <see cref="DynamoDbAuditLog"/> so only an admin function needs dynamodb:Query.
/// <para>
/// Event type and outcome filters are DynamoDB filter expressions: a read evaluates up to Limit items and returns
/// those that match, so one read can come back short or empty. A page therefore keeps reading until it is full or
/// the range is exhausted, within a bound (<see cref="MaxReadsPerUserPage"/> reads, <see cref="MaxReadRoundsPerTenantPage"/>
/// rounds); past the bound it ends short, with a cursor to go on.
/// </para>
/// <para>
/// The position of a read is the Core <see cref="AuditCursor"/>: this class only translates its streams to DynamoDB's
/// ExclusiveStartKey and back from LastEvaluatedKey (or the last item handed out). Whose query a cursor continues was
/// checked in Core; the partition of every start key is rebuilt here from the query's tenant.
/// </para>
/// </summary>
public sealed class DynamoDbAuditReader(IAmazonDynamoDB client, string tableName) : IAuditReader
{
    /// <summary>Reads of a user's partition per page: bounds the cost (and time) of a filter that matches rarely.</summary>
    public const int MaxReadsPerUserPage = 8;

    /// <summary>Rounds per tenant page; each reads only the shards whose buffered items ran out (at most 16 reads).</summary>
    public const int MaxReadRoundsPerTenantPage = 4;

    private static readonly AuditPage Empty = new([], null);

    /// <summary>What a stream's position keeps of a start key: all but the partition attribute, which follows from the tenant.</summary>
    private static readonly string[] UserPositionKey = [AuditKeys.SortKey];

    private static readonly string[] ShardPositionKey = [AuditKeys.IndexSortKey, AuditKeys.PartitionKey, AuditKeys.SortKey];

    public Task<AuditPage> ReadAsync(AuditCursor cursor, int limit, CancellationToken cancellationToken) =>
        cursor.Query.Username is { } username
            ? ReadUserAsync(cursor, username, limit, cancellationToken)
            : ReadTenantAsync(cursor, limit, cancellationToken);

    private async Task<AuditPage> ReadUserAsync(AuditCursor cursor, string username, int limit, CancellationToken cancellationToken)
    {
        var query = cursor.Query;
        var (from, to) = Range(query);
        // A tenant or username that cannot be a key has no events under it.
        if (!TenantId.IsValid(query.TenantId) || !AuditKeys.IsKeyable(username)) return Empty;
        var partition = AuditKeys.UserPartition(query.TenantId, username);
        var start = StartKey(AuditKeys.PartitionKey, partition, cursor.Streams.Count > 0 ? cursor.Streams[0] : null);

        var taken = new List<Dictionary<string, AttributeValue>>(limit);
        Dictionary<string, AttributeValue>? resumeAfter = null;
        for (var reads = 1; ; reads++)
        {
            var request = new QueryRequest
            {
                TableName = tableName,
                KeyConditionExpression = "pk = :pk AND sk BETWEEN :from AND :to",
                ExpressionAttributeValues = new() { [":pk"] = S(partition), [":from"] = S(from), [":to"] = S(to) },
                ScanIndexForward = false,
                Limit = limit,
                ExclusiveStartKey = start,
            };
            Filter(request, query);
            var response = await QueryAsync(request, cancellationToken).ConfigureAwait(false);
            var items = response.Items ?? [];
            var room = limit - taken.Count;
            if (items.Count > room)
            {
                // More matched than the page holds: resume right after the last one handed out.
                taken.AddRange(items.Take(room));
                resumeAfter = taken[^1];
                break;
            }
            taken.AddRange(items);
            if (response.LastEvaluatedKey is not { Count: > 0 } last) break;
            start = last;
            if (taken.Count == limit || reads == MaxReadsPerUserPage)
            {
                resumeAfter = last;
                break;
            }
        }
        return new AuditPage(ToEvents(taken), resumeAfter is null ? null : cursor with { Streams = [Position(resumeAfter, UserPositionKey)] });
    }

    private async Task<AuditPage> ReadTenantAsync(AuditCursor cursor, int limit, CancellationToken cancellationToken)
    {
        var query = cursor.Query;
        var (from, to) = Range(query);
        if (!TenantId.IsValid(query.TenantId)) return Empty;
        // A first page reads every shard; a later one the shards its cursor holds, i.e. the count when the first page
        // was read. A shard added since (AuditKeys.ShardCount only grows) holds only events written after that page's
        // `to`, which this query's range leaves out.
        var starts = cursor.Streams.Count > 0 ? cursor.Streams : new IReadOnlyDictionary<string, string>?[AuditKeys.ShardCount];
        var shards = new ShardStream[starts.Count];
        for (var shard = 0; shard < shards.Length; shard++) shards[shard] = new ShardStream(shard, starts[shard]);

        var merged = new List<Dictionary<string, AttributeValue>>(limit);
        for (var round = 0; ;)
        {
            var dry = shards.Where(s => s.NeedsRead).ToList();
            if (dry.Count > 0)
            {
                if (round == MaxReadRoundsPerTenantPage) break;
                round++;
                // Each read maps its own failure, so the first one surfaces here as ServiceUnavailable.
                await Task.WhenAll(dry.Select(s => ReadShardAsync(s, query, from, to, limit, cancellationToken))).ConfigureAwait(false);
            }
            if (!Merge(shards, merged, limit)) break;
        }

        var next = shards.Select(s => s.Position).ToArray();
        var more = !next.All(AuditCursor.IsExhausted);
        return new AuditPage(ToEvents(merged), more ? cursor with { Streams = next } : null);
    }

    /// <summary>
    /// k-way merge of the shards' newest-first buffers. An item is handed out only while every shard either has a
    /// buffered item or is exhausted: a shard that ran dry but has more could hold something newer.
    /// </summary>
    /// <returns>True when it stopped for a dry shard (read again and continue); false when full or all exhausted.</returns>
    private static bool Merge(ShardStream[] shards, List<Dictionary<string, AttributeValue>> merged, int limit)
    {
        while (merged.Count < limit)
        {
            ShardStream? best = null;
            foreach (var shard in shards)
            {
                if (shard.NeedsRead) return true;
                if (shard.HasHead && (best is null || string.CompareOrdinal(IndexSortKeyOf(shard.Head), IndexSortKeyOf(best.Head)) > 0))
                    best = shard;
            }
            if (best is null) return false;
            merged.Add(best.Take());
        }
        return false;
    }

    private async Task ReadShardAsync(ShardStream shard, AuditQuery query, string from, string to, int limit, CancellationToken cancellationToken)
    {
        var shardKey = AuditKeys.TenantShard(query.TenantId, shard.Shard);
        var request = new QueryRequest
        {
            TableName = tableName,
            IndexName = AuditKeys.TenantTimeIndex,
            KeyConditionExpression = "gsi1pk = :pk AND gsi1sk BETWEEN :from AND :to",
            ExpressionAttributeValues = new() { [":pk"] = S(shardKey), [":from"] = S(from), [":to"] = S(to) },
            ScanIndexForward = false,
            Limit = limit,
            ExclusiveStartKey = StartKey(AuditKeys.IndexPartitionKey, shardKey, shard.BeginRead()),
        };
        Filter(request, query);
        var response = await QueryAsync(request, cancellationToken).ConfigureAwait(false);
        shard.Fill(response.Items ?? [], response.LastEvaluatedKey);
    }

    /// <summary>Filters are bound values, never expression text a caller writes.</summary>
    private static void Filter(QueryRequest request, AuditQuery query)
    {
        if (!query.IsFiltered) return;
        var conditions = new List<string>(2);
        request.ExpressionAttributeNames = [];
        if (query.EventType is { } eventType)
        {
            conditions.Add("#eventType = :eventType");
            request.ExpressionAttributeNames["#eventType"] = "eventType";
            request.ExpressionAttributeValues[":eventType"] = S(eventType);
        }
        if (query.Outcome is { } outcome)
        {
            conditions.Add("#outcome = :outcome");
            request.ExpressionAttributeNames["#outcome"] = "outcome";
            request.ExpressionAttributeValues[":outcome"] = S(outcome);
        }
        request.FilterExpression = string.Join(" AND ", conditions);
    }

    private async Task<QueryResponse> QueryAsync(QueryRequest request, CancellationToken cancellationToken)
    {
        try
        {
            return await client.QueryAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (DynamoDbFailures.IsUnavailable(ex, cancellationToken))
        {
            throw StoreFailures.AuditUnavailable();
        }
    }

    /// <summary>
    /// Sort keys are "{time}#{requestId}", so BETWEEN time(From) AND time(To) holds exactly the events in
    /// [From, To): an event at To sorts after the bare time(To). Limit and range were checked in Core
    /// (<see cref="Core.Admin.AuditSearchCriteria"/>), once.
    /// </summary>
    private static (string From, string To) Range(AuditQuery query) => (IsoTime.Format(query.From), IsoTime.Format(query.To));

    /// <summary>A stream's position as DynamoDB's ExclusiveStartKey, its partition attribute built from the tenant; null: from the top.</summary>
    private static Dictionary<string, AttributeValue>? StartKey(string partitionAttribute, string partition, IReadOnlyDictionary<string, string>? position)
    {
        if (position is null) return null;
        var key = new Dictionary<string, AttributeValue>(position.Count + 1) { [partitionAttribute] = S(partition) };
        foreach (var (name, value) in position)
            if (name != partitionAttribute) key[name] = S(value);
        return key;
    }

    /// <summary>A LastEvaluatedKey, or an item handed out, as a stream's position (every audit key attribute is a string).</summary>
    private static IReadOnlyDictionary<string, string> Position(Dictionary<string, AttributeValue> key, string[] attributes) =>
        attributes.ToDictionary(name => name, name => key[name].S);

    private static List<AuditEvent> ToEvents(List<Dictionary<string, AttributeValue>> items)
    {
        try
        {
            return items.ConvertAll(AuditItemMapper.FromItem);
        }
        catch (FormatException)
        {
            throw StoreFailures.AuditItemMalformed();
        }
    }

    private static string IndexSortKeyOf(Dictionary<string, AttributeValue> item) => item[AuditKeys.IndexSortKey].S;

    /// <summary>
    /// One shard of a tenant query: the items of its latest read (newest first), how many were handed out, and
    /// where that read started and DynamoDB stopped, from which the shard's position for the next page follows.
    /// </summary>
    private sealed class ShardStream(int shard, IReadOnlyDictionary<string, string>? start)
    {
        private List<Dictionary<string, AttributeValue>> _items = [];
        private Dictionary<string, AttributeValue>? _lastEvaluatedKey;
        private int _taken;
        private bool _read;

        public int Shard { get; } = shard;

        /// <summary>Where the latest read started (before any read: where this page starts in the shard).</summary>
        private IReadOnlyDictionary<string, string>? ReadFrom { get; set; } = start;

        public bool HasHead => _taken < _items.Count;

        public Dictionary<string, AttributeValue> Head => _items[_taken];

        /// <summary>Buffered items all handed out, and DynamoDB has (or may have) more.</summary>
        public bool NeedsRead => !HasHead && !AuditCursor.IsExhausted(ReadFrom) && (!_read || _lastEvaluatedKey is not null);

        public Dictionary<string, AttributeValue> Take() => _items[_taken++];

        /// <summary>Where the next read starts: this page's start in the shard, then where DynamoDB last stopped.</summary>
        public IReadOnlyDictionary<string, string>? BeginRead()
        {
            if (_read) ReadFrom = PositionAt(_lastEvaluatedKey!);
            return ReadFrom;
        }

        public void Fill(List<Dictionary<string, AttributeValue>> items, Dictionary<string, AttributeValue>? lastEvaluatedKey)
        {
            _items = items;
            _taken = 0;
            _lastEvaluatedKey = lastEvaluatedKey is { Count: > 0 } ? lastEvaluatedKey : null;
            _read = true;
        }

        /// <summary>Where the next page resumes in this shard.</summary>
        public IReadOnlyDictionary<string, string>? Position
        {
            get
            {
                if (!_read) return ReadFrom;
                if (HasHead) return _taken == 0 ? ReadFrom : PositionAt(_items[_taken - 1]);
                return _lastEvaluatedKey is not null ? PositionAt(_lastEvaluatedKey) : AuditCursor.Exhausted;
            }
        }

        private static IReadOnlyDictionary<string, string> PositionAt(Dictionary<string, AttributeValue> key) => DynamoDbAuditReader.Position(key, ShardPositionKey);
    }
}
