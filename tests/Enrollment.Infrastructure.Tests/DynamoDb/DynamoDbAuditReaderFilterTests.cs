using Enrollment.Core.Audit;
using Enrollment.Core.Errors;
using Enrollment.Infrastructure.DynamoDb;
using Xunit;

namespace Enrollment.Infrastructure.Tests.DynamoDb;

/// <summary>
/// Event type and outcome filters on moto: pages keep reading until full or exhausted, within a bound.
/// </summary>
[Collection(DynamoMotoCollection.Name)]
public sealed class DynamoDbAuditReaderFilterTests(DynamoMotoFixture dynamo) : IAsyncLifetime
{
    private static readonly DateTimeOffset T0 = new(2025, 6, 1, 12, 0, 0, TimeSpan.Zero);
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private DynamoDbAuditReader _reader = null!;
    private readonly List<AuditEvent> _events = [];

    /// <summary>120 events of one user, newest at T0; every 15th is a DENIED verify, the rest successful associates.</summary>
    public async ValueTask InitializeAsync()
    {
        var table = await dynamo.CreateAuditTableAsync();
        var log = new DynamoDbAuditLog(dynamo.Client, table);
        _reader = new DynamoDbAuditReader(dynamo.Client, table);
        for (var i = 0; i < 120; i++)
        {
            var rare = i % 15 == 14;
            var e = new AuditEvent
            {
                TenantId = "acme",
                Username = "jane",
                EventType = rare ? AuditEventType.TotpVerify : AuditEventType.TotpAssociate,
                Outcome = rare ? AuditOutcome.Denied : AuditOutcome.Success,
                RequestId = $"req-{i:D3}",
                OccurredAt = T0.AddSeconds(-i),
                ExpiresAt = T0.AddDays(1).ToUnixTimeSeconds(),
            };
            await log.WriteAsync(e, Ct);
            _events.Add(e);
        }
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private static AuditCursor Rare(string? username) =>
        AuditCursor.Start(new AuditQuery("acme", username, AuditEventType.TotpVerify, AuditOutcome.Denied, T0.AddHours(-1), T0.AddSeconds(1)));

    private async Task<List<AuditPage>> AllPagesAsync(AuditCursor start, int limit)
    {
        var pages = new List<AuditPage>();
        AuditCursor? cursor = start;
        do
        {
            var page = await _reader.ReadAsync(cursor, limit, Ct);
            pages.Add(page);
            cursor = page.Next;
            Assert.True(pages.Count < 100, "paging must end");
        }
        while (cursor is not null);
        return pages;
    }

    private List<string> Expected() => _events.Where(e => e.Outcome == AuditOutcome.Denied).Select(e => e.RequestId).ToList();

    [Fact]
    public async Task A_tenant_query_with_rare_matches_returns_exactly_them_newest_first()
    {
        var pages = await AllPagesAsync(Rare(username: null), 3);

        Assert.Equal(Expected(), pages.SelectMany(p => p.Events).Select(e => e.RequestId));
        Assert.All(pages, p => Assert.InRange(p.Events.Count, 0, 3));
    }

    [Fact]
    public async Task A_user_query_reads_a_bounded_number_of_times_per_page_then_hands_back_a_token()
    {
        // 5 evaluated per read, 8 reads per page: a page sees at most 40 events, so the 8 matches take several pages.
        var pages = await AllPagesAsync(Rare("jane"), 5);

        Assert.Equal(Expected(), pages.SelectMany(p => p.Events).Select(e => e.RequestId));
        Assert.True(pages.Count >= 120 / (5 * DynamoDbAuditReader.MaxReadsPerUserPage), $"{pages.Count} pages");
        Assert.Contains(pages, p => p.Events.Count < 5 && p.Next is not null);
    }

    [Fact]
    public async Task Unfiltered_pages_are_full()
    {
        // Whether a cursor may carry over to other filters is decided once, in Core: the signed cursor binds the
        // filters (AuditSearchCriteriaTests.A_cursor_continues_its_own_query_only); the store keeps positions only.
        var first = await _reader.ReadAsync(AuditCursor.Start(new AuditQuery("acme", null, null, null, T0.AddHours(-1), T0.AddSeconds(1))), 10, Ct);
        Assert.Equal(_events.Take(10).Select(e => e.RequestId), first.Events.Select(e => e.RequestId));
        Assert.NotNull(first.Next);
        Assert.Equal(first.Next.Query, new AuditQuery("acme", null, null, null, T0.AddHours(-1), T0.AddSeconds(1)));
    }
}
