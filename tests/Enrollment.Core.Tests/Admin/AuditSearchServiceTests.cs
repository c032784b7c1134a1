using Enrollment.Core.Admin;
using Enrollment.Core.Audit;
using Enrollment.Core.Errors;

namespace Enrollment.Core.Tests.Admin;

/// <summary>The cursor round trip through the service: the store gets the checked cursor and hands back a position only.</summary>
public sealed class AuditSearchServiceTests
{
    private readonly AdminWorld _world = new();
    private readonly RecordingReader _reader = new();

    private AuditSearchService Service => new(_world.Authorizer, _reader, _world.Signer, _world.Time);

    private Task<AuditSearchResult> SearchAsync(AuditSearchRequest request) =>
        Service.SearchAsync(AdminWorld.AcmeAdmin(), "acme", request, TestContext.Current.CancellationToken);

    [Fact]
    public async Task The_next_page_continues_the_store_position_under_the_checked_query()
    {
        var position = new Dictionary<string, string> { ["sk"] = "2025-11-21T09:00:00.000Z#req-1" };
        // A defective store that hands back another tenant's query with its position: the binding signed is Core's own.
        _reader.Next = query => new AuditCursor(query with { TenantId = "globex", Outcome = null }, [position]);

        var first = await SearchAsync(new AuditSearchRequest("jane", Outcome: "FAILED", Limit: "5"));
        var second = await SearchAsync(new AuditSearchRequest("jane", Outcome: "FAILED", Limit: "7", Cursor: first.NextCursor));

        Assert.Empty(_reader.Reads[0].Cursor.Streams);
        var (cursor, limit) = _reader.Reads[1];
        Assert.Equal((_reader.Reads[0].Cursor.Query, 7), (cursor.Query, limit));
        Assert.Equal("acme", cursor.Query.TenantId);
        Assert.Equal(position["sk"], cursor.Streams.Single()!["sk"]);
        Assert.Equal((first.From, first.To), (second.From, second.To));
    }

    [Fact]
    public async Task A_foreign_or_altered_cursor_is_refused_before_the_store_is_read()
    {
        _reader.Next = query => new AuditCursor(query, [new Dictionary<string, string> { ["sk"] = "x" }]);
        var first = await SearchAsync(new AuditSearchRequest("jane", Limit: "5"));
        var foreign = _world.Signer.Sign(new AuditCursor(_reader.Reads[0].Cursor.Query with { TenantId = "globex" }, []));

        foreach (var cursor in new[] { foreign, first.NextCursor![..^2] + "AA", "garbage" })
        {
            var failure = await Assert.ThrowsAsync<EnrollmentException>(() => SearchAsync(new AuditSearchRequest("jane", Cursor: cursor)));
            Assert.Equal((ErrorCode.ValidationError, "cursor"), (failure.Code, failure.Reason));
        }
        Assert.Single(_reader.Reads);
    }

    private sealed class RecordingReader : IAuditReader
    {
        public List<(AuditCursor Cursor, int Limit)> Reads { get; } = [];

        public Func<AuditQuery, AuditCursor?> Next { get; set; } = _ => null;

        public Task<AuditPage> ReadAsync(AuditCursor cursor, int limit, CancellationToken cancellationToken)
        {
            Reads.Add((cursor, limit));
            return Task.FromResult(new AuditPage([], Next(cursor.Query)));
        }
    }
}
