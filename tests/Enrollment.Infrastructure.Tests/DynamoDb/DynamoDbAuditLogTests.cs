using Amazon.DynamoDBv2.Model;
using Enrollment.Core.Audit;
using Enrollment.Core.Errors;
using Enrollment.Infrastructure.DynamoDb;
using Xunit;
using Enrollment.Testing;

namespace Enrollment.Infrastructure.Tests.DynamoDb;

[Collection(DynamoMotoCollection.Name)]
public sealed class DynamoDbAuditLogTests(MotoFixture dynamo) : IAsyncLifetime
{
    private static readonly DateTimeOffset T0 = new(2025, 3, 14, 9, 26, 53, 589, TimeSpan.Zero);
    private string _table = "";
    private DynamoDbAuditLog _log = null!;
    private DynamoDbAuditReader _reader = null!;
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _table = await dynamo.CreateAuditTableAsync();
        _log = new DynamoDbAuditLog(dynamo.Client, _table);
        _reader = new DynamoDbAuditReader(dynamo.Client, _table);
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private static AuditEvent Event(string tenant, string? username, DateTimeOffset at, string? requestId = null) => new()
    {
        TenantId = tenant,
        Username = username,
        UserSub = username is null ? null : $"sub-{username}",
        EventType = AuditEventType.TotpAssociate,
        Outcome = AuditOutcome.Success,
        RequestId = requestId ?? Guid.NewGuid().ToString(),
        OccurredAt = at,
        ClientId = "client-1",
        SourceIp = "203.0.113.7",
        UserAgent = "Acme/2.1 (iOS 18)",
        AppVersion = "2.1.0",
        ExpiresAt = at.AddDays(365).ToUnixTimeSeconds(),
    };

    private static AuditCursor User(string tenant, string username, DateTimeOffset from, DateTimeOffset to) =>
        AuditCursor.Start(new AuditQuery(tenant, username, null, null, from, to));

    private static AuditCursor Tenant(string tenant, DateTimeOffset from, DateTimeOffset to) =>
        AuditCursor.Start(new AuditQuery(tenant, null, null, null, from, to));

    private static IEnumerable<AuditEvent> NewestFirst(IEnumerable<AuditEvent> events) =>
        events.OrderByDescending(e => AuditKeys.TimeSortKey(e.OccurredAt, e.RequestId), StringComparer.Ordinal);

    [Fact]
    public async Task A_written_event_reads_back_whole_and_absent_fields_are_not_stored()
    {
        var written = Event("acme", "jane", T0) with
        {
            EventType = AuditEventType.TotpVerify,
            Outcome = AuditOutcome.Denied,
            Reason = "APP_VERSION_TOO_OLD",
            DeviceName = "Pixel 9",
            Actor = "admin-1",
        };
        await _log.WriteAsync(written, Ct);

        var page = await _reader.ReadAsync(User("acme", "jane", T0.AddMinutes(-1), T0.AddMinutes(1)), 50, Ct);
        Assert.Equal([written], page.Events);

        var sparse = Event("acme", null, T0) with { ClientId = null, SourceIp = null, UserAgent = null, AppVersion = null, UserSub = null };
        await _log.WriteAsync(sparse, Ct);
        var raw = await dynamo.Client.GetItemAsync(new GetItemRequest
        {
            TableName = _table,
            Key = new()
            {
                ["pk"] = new AttributeValue { S = AuditKeys.PartitionOf("acme", null, sparse.RequestId) },
                ["sk"] = new AttributeValue { S = AuditKeys.TimeSortKey(sparse.OccurredAt, sparse.RequestId) },
            },
        }, Ct);
        Assert.Equal(
            ["eventType", "expiresAt", "gsi1pk", "gsi1sk", "occurredAt", "outcome", "pk", "requestId", "sk", "tenantId"],
            raw.Item.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(sparse.ExpiresAt.ToString(), raw.Item["expiresAt"].N);
        Assert.Equal("2025-03-14T09:26:53.589Z", raw.Item["occurredAt"].S);
        Assert.StartsWith("TENANT#acme#ANON#", raw.Item["pk"].S);
        Assert.StartsWith("TENANT#acme#SHARD#", raw.Item["gsi1pk"].S);
    }

    [Fact]
    public async Task An_event_is_never_overwritten_but_a_retry_of_the_same_write_is_accepted()
    {
        var first = Event("acme", "jane", T0);
        await _log.WriteAsync(first, Ct);
        await _log.WriteAsync(first, Ct); // what an SDK retry after a lost response looks like

        var different = first with { Outcome = AuditOutcome.Failed, Reason = "CODE_MISMATCH" };
        var error = await Assert.ThrowsAsync<EnrollmentException>(() => _log.WriteAsync(different, Ct));
        Assert.Equal(ErrorCode.InternalError, error.Code);
        Assert.Equal(StoreFailures.AuditDuplicateMessage, error.Message);

        var page = await _reader.ReadAsync(User("acme", "jane", T0.AddSeconds(-1), T0.AddSeconds(1)), 50, Ct);
        Assert.Equal([first], page.Events);
    }

    [Fact]
    public async Task A_users_events_page_newest_first_within_the_half_open_range()
    {
        var jane = Enumerable.Range(0, 10).Select(i => Event("acme", "jane", T0.AddMinutes(i))).ToList();
        foreach (var e in jane.OrderBy(_ => Random.Shared.Next())) await _log.WriteAsync(e, Ct);
        await _log.WriteAsync(Event("acme", "bob", T0.AddMinutes(3)), Ct);
        await _log.WriteAsync(Event("other", "jane", T0.AddMinutes(3)), Ct);

        var pages = await AllPagesAsync(User("acme", "jane", T0.AddMinutes(1), T0.AddMinutes(8)), 3);

        // [1 min, 8 min): the event at exactly 8 min is out, the one at 1 min is in.
        Assert.Equal(NewestFirst(jane.Skip(1).Take(7)), pages.SelectMany(p => p.Events));
        Assert.All(pages, p => Assert.True(p.Events.Count <= 3));
        Assert.Null(pages[^1].Next);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(100)]
    public async Task A_tenants_events_merge_across_shards_newest_first_with_paging(int limit)
    {
        var users = new[] { "jane", "bob", "ann", "li", null };
        var events = Enumerable.Range(0, 30)
            // Some share a millisecond: the request id then orders them, as in the index.
            .Select(i => Event("acme", users[i % users.Length], T0.AddSeconds(i / 2 * 7)))
            .ToList();
        Assert.True(events.Select(e => AuditKeys.ShardOf(e.RequestId)).Distinct().Count() >= 8, "the events should spread over many shards");
        foreach (var e in events.OrderBy(_ => Random.Shared.Next())) await _log.WriteAsync(e, Ct);
        await _log.WriteAsync(Event("acme", "jane", T0.AddSeconds(-1)), Ct); // before the range
        await _log.WriteAsync(Event("acme", "jane", T0.AddHours(1)), Ct); // at its end: excluded
        await _log.WriteAsync(Event("globex", "jane", T0.AddSeconds(5)), Ct); // another tenant

        var pages = await AllPagesAsync(Tenant("acme", T0, T0.AddHours(1)), limit);

        Assert.Equal(NewestFirst(events), pages.SelectMany(p => p.Events));
        Assert.All(pages, p => Assert.True(p.Events.Count <= limit));
        if (limit < events.Count) Assert.True(pages.Count >= events.Count / limit);
    }

    [Fact]
    public async Task A_position_cannot_lead_a_read_out_of_the_cursors_tenant()
    {
        // The same request ids in both tenants: the same shards, so globex's positions name shards acme has events in.
        for (var i = 0; i < 4; i++) await _log.WriteAsync(Event("acme", "jane", T0.AddSeconds(i), $"req-{i}"), Ct);
        for (var i = 0; i < 4; i++) await _log.WriteAsync(Event("globex", "jane", T0.AddSeconds(i), $"req-{i}"), Ct);
        var globexUser = await _reader.ReadAsync(User("globex", "jane", T0, T0.AddMinutes(1)), 1, Ct);
        var globexTenant = await _reader.ReadAsync(Tenant("globex", T0, T0.AddMinutes(1)), 1, Ct);
        Assert.NotNull(globexUser.Next);
        Assert.NotNull(globexTenant.Next);

        // Whose query a cursor continues is checked once, in Core (AuditSearchCriteriaTests.A_cursor_continues_its_own_query_only).
        // Even so, the store rebuilds each start key's partition from the cursor's tenant: globex's positions, with
        // globex's partition keys added, read acme's events under acme's keys only.
        var foreignUser = globexUser.Next with
        {
            Query = globexUser.Next.Query with { TenantId = "acme" },
            Streams = [.. globexUser.Next.Streams.Select(s => WithKey(s, AuditKeys.PartitionKey, AuditKeys.UserPartition("globex", "jane")))],
        };
        var foreignTenant = globexTenant.Next with
        {
            Query = globexTenant.Next.Query with { TenantId = "acme" },
            Streams = [.. globexTenant.Next.Streams.Select((s, shard) => WithKey(s, AuditKeys.IndexPartitionKey, AuditKeys.TenantShard("globex", shard)))],
        };

        foreach (var page in new[] { await _reader.ReadAsync(foreignUser, 10, Ct), await _reader.ReadAsync(foreignTenant, 10, Ct) })
        {
            // Globex's first page handed out req-3; acme's older events follow its position, under acme's keys.
            Assert.Subset(new HashSet<string> { "req-0", "req-1", "req-2", "req-3" }, page.Events.Select(e => e.RequestId).ToHashSet());
            Assert.True(page.Events.Count >= 3, $"{page.Events.Count} events");
            Assert.All(page.Events, e => Assert.Equal("acme", e.TenantId));
        }
    }

    private static IReadOnlyDictionary<string, string>? WithKey(IReadOnlyDictionary<string, string>? position, string name, string value) =>
        position is null || AuditCursor.IsExhausted(position) ? position : new Dictionary<string, string>(position) { [name] = value };

    private async Task<List<AuditPage>> AllPagesAsync(AuditCursor start, int limit)
    {
        var pages = new List<AuditPage>();
        AuditCursor? cursor = start;
        do
        {
            var page = await _reader.ReadAsync(cursor, limit, Ct);
            pages.Add(page);
            cursor = page.Next;
            Assert.True(pages.Count < 200, "paging must end");
        } while (cursor is not null);
        return pages;
    }
}
