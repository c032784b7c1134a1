using Enrollment.Core.Admin;
using Enrollment.Core.Audit;
using Enrollment.Core.Errors;

namespace Enrollment.Core.Tests.Admin;

public sealed class AuditSearchCriteriaTests
{
    private static readonly DateTimeOffset Now = new(2025, 11, 21, 10, 0, 0, 987, TimeSpan.Zero);
    private readonly AuditCursorSigner _signer = AuditCursorSigner.FromText(AdminWorld.Secret);

    private AuditSearchCriteria Resolve(AuditSearchRequest request, string tenantId = "acme") =>
        AuditSearchCriteria.Resolve(request, tenantId, Now, _signer);

    private string Field(AuditSearchRequest request, string tenantId = "acme")
    {
        var failure = Assert.Throws<EnrollmentException>(() => Resolve(request, tenantId));
        Assert.Equal(ErrorCode.ValidationError, failure.Code);
        return failure.Reason!;
    }

    [Fact]
    public void Defaults_are_the_last_24_hours_and_50_events()
    {
        var criteria = Resolve(new AuditSearchRequest());

        Assert.Equal(50, criteria.Limit);
        Assert.Equal(Now.AddTicks(-Now.Ticks % TimeSpan.TicksPerMillisecond), criteria.Query.To);
        Assert.Equal(criteria.Query.To.AddHours(-24), criteria.Query.From);
        Assert.Empty(criteria.Cursor.Streams);
        Assert.Equal(new AuditQuery("acme", null, null, null, criteria.Query.From, criteria.Query.To), criteria.Query);
    }

    [Fact]
    public void Filters_and_range_are_taken_as_given()
    {
        var criteria = Resolve(new AuditSearchRequest("jane@example.com", "TOTP_VERIFY", "DENIED", "2025-11-01T00:00:00Z", "2025-11-02T12:30:00+02:00", "200"));

        Assert.Equal(200, criteria.Limit);
        Assert.Equal(new AuditQuery("acme", "jane@example.com", "TOTP_VERIFY", "DENIED",
            new DateTimeOffset(2025, 11, 1, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(2025, 11, 2, 10, 30, 0, TimeSpan.Zero)), criteria.Query);
        Assert.True(criteria.Query.IsFiltered);
    }

    [Theory]
    [InlineData("0", "limit")]
    [InlineData("201", "limit")]
    [InlineData("-1", "limit")]
    [InlineData("ten", "limit")]
    public void The_page_size_has_a_ceiling(string limit, string field) => Assert.Equal(field, Field(new AuditSearchRequest(Limit: limit)));

    [Theory]
    [InlineData(null, "totp_verify", null, null, null, "eventType")]
    [InlineData(null, "TOTP VERIFY", null, null, null, "eventType")]
    [InlineData(null, null, "OK", null, null, "outcome")]
    [InlineData(" jane", null, null, null, null, "username")]
    [InlineData(null, null, null, "yesterday", null, "from")]
    [InlineData(null, null, null, "2025-11-20T10:00:00", null, "from")]
    [InlineData(null, null, null, null, "2025-13-01T00:00:00Z", "to")]
    [InlineData(null, null, null, "2025-11-21T00:00:00Z", "2025-11-20T00:00:00Z", "from")]
    [InlineData(null, null, null, "2025-11-21T00:00:00Z", "2025-11-21T00:00:00Z", "from")]
    [InlineData(null, null, null, "2025-01-01T00:00:00Z", "2025-06-01T00:00:00Z", "from")]
    public void Bad_parameters_are_named(string? username, string? eventType, string? outcome, string? from, string? to, string field) =>
        Assert.Equal(field, Field(new AuditSearchRequest(username, eventType, outcome, from, to)));

    [Fact]
    public void A_username_of_129_characters_is_refused() =>
        Assert.Equal("username", Field(new AuditSearchRequest(new string('u', 129))));

    [Fact]
    public void A_cursor_continues_its_own_query_only()
    {
        var first = Resolve(new AuditSearchRequest("jane", "TOTP_VERIFY", "FAILED", Limit: "5"));
        var position = new Dictionary<string, string> { ["sk"] = "2025-11-21T09:00:00.000Z#req-1" };
        var cursor = _signer.Sign(first.Cursor with { Streams = [position] });

        // Same filters, range left out: the cursor's range applies; the page size may change.
        var next = Resolve(new AuditSearchRequest("jane", "TOTP_VERIFY", "FAILED", Limit: "9", Cursor: cursor));
        Assert.Equal((first.Query, 9, position["sk"]), (next.Query, next.Limit, next.Cursor.Streams.Single()!["sk"]));
        var explicitRange = Resolve(new AuditSearchRequest("jane", "TOTP_VERIFY", "FAILED", "2025-11-20T10:00:00.987Z", "2025-11-21T10:00:00.987Z", Cursor: cursor));
        Assert.Equal(first.Query, explicitRange.Query);

        Assert.Equal("cursor", Field(new AuditSearchRequest("jane", "TOTP_VERIFY", "FAILED", Cursor: cursor), tenantId: "globex"));
        Assert.Equal("cursor", Field(new AuditSearchRequest("bob", "TOTP_VERIFY", "FAILED", Cursor: cursor)));
        Assert.Equal("cursor", Field(new AuditSearchRequest(null, "TOTP_VERIFY", "FAILED", Cursor: cursor)));
        Assert.Equal("cursor", Field(new AuditSearchRequest("jane", "TOTP_ASSOCIATE", "FAILED", Cursor: cursor)));
        Assert.Equal("cursor", Field(new AuditSearchRequest("jane", "TOTP_VERIFY", null, Cursor: cursor)));
        Assert.Equal("cursor", Field(new AuditSearchRequest("jane", "TOTP_VERIFY", "FAILED", From: "2025-11-20T00:00:00Z", Cursor: cursor)));
        Assert.Equal("cursor", Field(new AuditSearchRequest("jane", "TOTP_VERIFY", "FAILED", To: "2025-11-21T10:00:00Z", Cursor: cursor)));
        Assert.Equal("cursor", Field(new AuditSearchRequest("jane", "TOTP_VERIFY", "FAILED", Cursor: AuditCursorSigner.FromText("another secret of more than thirty-two bytes").Sign(first.Cursor))));
        Assert.Equal("cursor", Field(new AuditSearchRequest("jane", "TOTP_VERIFY", "FAILED", Cursor: cursor[..^2] + "AA")));
        Assert.Equal("cursor", Field(new AuditSearchRequest("jane", "TOTP_VERIFY", "FAILED", Cursor: "garbage")));
    }
}
