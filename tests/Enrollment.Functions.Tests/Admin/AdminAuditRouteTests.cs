using System.Text.Json;
using Enrollment.Core.Audit;
using Enrollment.Core.Identity;
using Enrollment.Core.Policy;
using Enrollment.Functions.Tests.Integration;
using static Enrollment.Functions.Tests.Admin.AdminTestBed;

namespace Enrollment.Functions.Tests.Admin;

/// <summary>GET /v1/admin/tenants/{tenantId}/audit through the handler, against the audit table on moto.</summary>
[Collection(MotoBackendCollection.Name)]
public sealed class AdminAuditRouteTests(MotoBackend backend) : IAsyncLifetime
{
    private static readonly string[] Types = [AuditEventType.TotpAssociate, AuditEventType.TotpVerify, AuditEventType.PolicyUpdated];
    private static readonly string[] Outcomes = [AuditOutcome.Success, AuditOutcome.Denied, AuditOutcome.Failed, AuditOutcome.Failed];
    private static readonly string?[] Users = ["jane", "john", null];

    private readonly AdminTestBed _bed = new(backend);
    private readonly DateTimeOffset _t0 = DateTimeOffset.UtcNow.AddMinutes(-1);
    private TenantPolicy _acme = null!;
    private TenantPolicy _globex = null!;
    private readonly List<AuditEvent> _acmeEvents = [];

    public async ValueTask InitializeAsync()
    {
        _acme = await _bed.CreateTenantAsync("acme");
        _globex = await _bed.CreateTenantAsync("globex");
        for (var i = 0; i < 45; i++) _acmeEvents.Add(await WriteAsync(_acme, i, _t0.AddMinutes(-i)));
        for (var i = 0; i < 12; i++) await WriteAsync(_globex, i, _t0.AddMinutes(-i).AddSeconds(-7));
        await WriteAsync(_acme, 99, _t0.AddHours(-30)); // outside the default 24 hours
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private async Task<AuditEvent> WriteAsync(TenantPolicy tenant, int i, DateTimeOffset at)
    {
        var e = new AuditEvent
        {
            TenantId = tenant.TenantId,
            Username = Users[i % Users.Length],
            UserSub = Users[i % Users.Length] is { } u ? "sub-" + u : null,
            EventType = Types[i % Types.Length],
            Outcome = Outcomes[i % Outcomes.Length],
            Reason = Outcomes[i % Outcomes.Length] == AuditOutcome.Success ? null : "SOME_REASON",
            RequestId = $"req-{tenant.TenantId}-{i:D3}",
            OccurredAt = at,
            ClientId = tenant.AppClientIds[0],
            SourceIp = "203.0.113.7",
            Actor = i % 9 == 0 ? "admin-ann" : null,
            ExpiresAt = at.AddDays(365).ToUnixTimeSeconds(),
        };
        await _bed.AuditLog.WriteAsync(e, TestContext.Current.CancellationToken);
        return e;
    }

    private Task<FunctionResponse> QueryAsync(HttpApiRequestBuilder request) => CallAsync(_bed.Audit.Handle, request);

    /// <summary>Every page until the cursor runs out, as a client pages; each page checked for size.</summary>
    private async Task<List<JsonElement>> AllPagesAsync(TenantPolicy tenant, int limit, params (string Name, string Value)[] query)
    {
        var pages = new List<JsonElement>();
        string? cursor = null;
        do
        {
            var parameters = query.Append(("limit", limit.ToString()));
            if (cursor is not null) parameters = parameters.Append(("cursor", cursor));
            var response = await QueryAsync(As(AuditRequest(tenant.TenantId, [.. parameters]), tenant, "ann"));
            Assert.True(response.StatusCode == 200, response.BodyText);
            Assert.InRange(response.Data.GetProperty("events").GetArrayLength(), 0, limit);
            pages.Add(response.Data);
            cursor = response.Data.GetProperty("nextCursor").GetString();
            Assert.True(pages.Count < 60, "paging must end");
        }
        while (cursor is not null);
        return pages;
    }

    private static List<string> RequestIds(IEnumerable<JsonElement> pages) =>
        pages.SelectMany(p => p.GetProperty("events").EnumerateArray()).Select(e => e.GetProperty("requestId").GetString()!).ToList();

    private static List<string> NewestFirst(IEnumerable<AuditEvent> events) =>
        events.OrderByDescending(e => e.OccurredAt).ThenByDescending(e => e.RequestId, StringComparer.Ordinal).Select(e => e.RequestId).ToList();

    [Fact]
    public async Task The_tenant_is_paged_newest_first_in_full_pages_and_nothing_of_another_tenant_or_older_than_a_day_appears()
    {
        var pages = await AllPagesAsync(_acme, 7);

        Assert.Equal(NewestFirst(_acmeEvents), RequestIds(pages));
        Assert.All(pages.SkipLast(1), p => Assert.Equal(7, p.GetProperty("events").GetArrayLength()));
        Assert.All(pages, p => Assert.Equal(7, p.GetProperty("limit").GetInt32()));
    }

    [Fact]
    public async Task Filters_are_applied_across_shards_and_pages_even_when_reads_come_back_short()
    {
        var pages = await AllPagesAsync(_acme, 3, ("eventType", AuditEventType.TotpVerify), ("outcome", AuditOutcome.Failed));

        var expected = NewestFirst(_acmeEvents.Where(e => e.EventType == AuditEventType.TotpVerify && e.Outcome == AuditOutcome.Failed));
        Assert.NotEmpty(expected);
        Assert.Equal(expected, RequestIds(pages));
    }

    [Fact]
    public async Task A_username_filter_reads_that_users_events_of_this_tenant_only()
    {
        var pages = await AllPagesAsync(_acme, 4, ("username", "jane"), ("outcome", AuditOutcome.Failed));

        Assert.Equal(NewestFirst(_acmeEvents.Where(e => e.Username == "jane" && e.Outcome == AuditOutcome.Failed)), RequestIds(pages));
        Assert.All(pages.SelectMany(p => p.GetProperty("events").EnumerateArray()), e => Assert.Equal(_acme.TenantId, e.GetProperty("tenantId").GetString()));
    }

    [Fact]
    public async Task The_range_defaults_to_the_last_day_and_can_be_widened()
    {
        var page = await QueryAsync(As(AuditRequest(_acme.TenantId, ("limit", "200")), _acme, "ann"));
        Assert.Equal(45, page.Data.GetProperty("events").GetArrayLength());
        var to = DateTimeOffset.Parse(page.Data.GetProperty("to").GetString()!);
        Assert.Equal(TimeSpan.FromHours(24), to - DateTimeOffset.Parse(page.Data.GetProperty("from").GetString()!));
        Assert.Equal(JsonValueKind.Null, page.Data.GetProperty("nextCursor").ValueKind);

        var wide = await QueryAsync(As(AuditRequest(_acme.TenantId, ("from", _t0.AddDays(-2).ToString("O")), ("to", DateTimeOffset.UtcNow.ToString("O")), ("limit", "200")), _acme, "ann"));
        Assert.Equal(46, wide.Data.GetProperty("events").GetArrayLength());
    }

    [Fact]
    public async Task An_event_shows_every_recorded_field()
    {
        var page = await QueryAsync(As(AuditRequest(_acme.TenantId, ("limit", "1")), _acme, "ann"));

        var e = page.Data.GetProperty("events").EnumerateArray().Single();
        var first = _acmeEvents[0];
        Assert.Equal((first.RequestId, first.EventType, first.Outcome, "jane", "sub-jane", "admin-ann", _acme.AppClientIds[0], "203.0.113.7"),
            (e.GetProperty("requestId").GetString(), e.GetProperty("eventType").GetString(), e.GetProperty("outcome").GetString(),
             e.GetProperty("username").GetString(), e.GetProperty("userSub").GetString(), e.GetProperty("actor").GetString(),
             e.GetProperty("clientId").GetString(), e.GetProperty("sourceIp").GetString()));
        Assert.Equal(first.OccurredAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'"), e.GetProperty("occurredAt").GetString());
        Assert.False(string.IsNullOrEmpty(page.Data.GetProperty("nextCursor").GetString()));
    }

    [Fact]
    public async Task A_cursor_works_only_for_its_tenant_and_filters_and_only_unaltered()
    {
        var first = await QueryAsync(As(AuditRequest(_acme.TenantId, ("limit", "5"), ("outcome", "FAILED")), _acme, "ann"));
        var cursor = first.Data.GetProperty("nextCursor").GetString()!;

        var onOtherTenant = await QueryAsync(As(AuditRequest(_globex.TenantId, ("limit", "5"), ("outcome", "FAILED"), ("cursor", cursor)), _globex, "gus"));
        var ownCursorOtherPath = await QueryAsync(As(AuditRequest(_globex.TenantId, ("limit", "5"), ("outcome", "FAILED"), ("cursor", cursor)), _acme, "ann"));
        var changedFilter = await QueryAsync(As(AuditRequest(_acme.TenantId, ("limit", "5"), ("outcome", "DENIED"), ("cursor", cursor)), _acme, "ann"));
        var droppedFilter = await QueryAsync(As(AuditRequest(_acme.TenantId, ("limit", "5"), ("cursor", cursor)), _acme, "ann"));
        var tampered = await QueryAsync(As(AuditRequest(_acme.TenantId, ("limit", "5"), ("outcome", "FAILED"), ("cursor", Flip(cursor, cursor.Length / 3))), _acme, "ann"));
        var tamperedTag = await QueryAsync(As(AuditRequest(_acme.TenantId, ("limit", "5"), ("outcome", "FAILED"), ("cursor", Flip(cursor, cursor.Length - 3))), _acme, "ann"));

        foreach (var response in new[] { onOtherTenant, ownCursorOtherPath, changedFilter, droppedFilter, tampered, tamperedTag })
        {
            response.AssertError(400, "VALIDATION_ERROR");
            Assert.Equal("cursor", response.Reason);
            Assert.DoesNotContain(_acme.TenantId, response.BodyText);
        }

        var next = await QueryAsync(As(AuditRequest(_acme.TenantId, ("limit", "5"), ("outcome", "FAILED"), ("cursor", cursor)), _acme, "ann"));
        Assert.Equal(200, next.StatusCode);
    }

    [Fact]
    public async Task An_admin_of_another_tenant_gets_nothing_by_path_and_a_username_filter_cannot_leave_the_tenant()
    {
        var byPath = await QueryAsync(As(AuditRequest(_acme.TenantId), _globex, "gus"));
        byPath.AssertError(403, "POLICY_DENIED");
        var nonAdmin = await QueryAsync(As(AuditRequest(_acme.TenantId), _acme, "jane", admin: false));
        nonAdmin.AssertError(403, "POLICY_DENIED");

        // globex has a "jane" too; globex's admin asking for jane sees globex's jane only.
        var jane = await QueryAsync(As(AuditRequest(_globex.TenantId, ("username", "jane"), ("limit", "200")), _globex, "gus"));
        var events = jane.Data.GetProperty("events").EnumerateArray().ToList();
        Assert.NotEmpty(events);
        Assert.All(events, e => Assert.Equal(_globex.TenantId, e.GetProperty("tenantId").GetString()));
        foreach (var sneaky in new[] { $"jane#", $"x#TENANT#{_acme.TenantId}#USER#jane" })
        {
            var response = await QueryAsync(As(AuditRequest(_globex.TenantId, ("username", sneaky)), _globex, "gus"));
            Assert.Equal(0, response.Data.GetProperty("events").GetArrayLength());
        }
    }

    [Theory]
    [InlineData("limit", "201", "limit")]
    [InlineData("limit", "0", "limit")]
    [InlineData("outcome", "OK", "outcome")]
    [InlineData("eventType", "totp_verify", "eventType")]
    [InlineData("from", "2025-11-21", "from")]
    [InlineData("cursor", "bm90LWEtY3Vyc29y.AAAA", "cursor")]
    public async Task Bad_query_parameters_are_400_naming_them(string name, string value, string field)
    {
        var response = await QueryAsync(As(AuditRequest(_acme.TenantId, (name, value)), _acme, "ann"));
        response.AssertError(400, "VALIDATION_ERROR");
        Assert.Equal(field, response.Reason);
    }

    private static string Flip(string text, int at) => text[..at] + (text[at] == 'A' ? 'B' : 'A') + text[(at + 1)..];
}
