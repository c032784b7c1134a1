using System.Text.Json;
using Enrollment.Core.Admin;
using Enrollment.Core.Audit;
using Enrollment.Core.Errors;
using Enrollment.Functions.Http;
using Xunit;

namespace Enrollment.Functions.Tests.Admin;

/// <summary>The audit export's JSON Lines and CSV: one event per line, safe to open in a spreadsheet, pages that concatenate.</summary>
public sealed class AuditExportTests
{
    private static readonly DateTimeOffset At = new(2026, 3, 14, 9, 0, 0, 123, TimeSpan.Zero);

    private static AuditEvent Event(string username, string? userAgent = null) => new()
    {
        TenantId = "acme", Username = username, UserSub = "sub-1", EventType = "TOTP_VERIFY", Outcome = "FAILED", Reason = "CODE_MISMATCH",
        RequestId = "r-" + username, OccurredAt = At, ClientId = "c-1", SourceIp = "203.0.113.10", UserAgent = userAgent, ExpiresAt = 0,
    };

    private static AuditSearchResult Page(string? next, params AuditEvent[] events) => new(events, next, At.AddDays(-1), At, 50);

    [Fact]
    public void Json_lines_hold_one_event_object_per_line_and_the_cursor_travels_in_a_header()
    {
        var response = AuditExport.Render(Page("next-page", Event("jane"), Event("joe")), "jsonl", firstPage: true, "req-1");
        Assert.Equal(200, response.StatusCode);
        Assert.Equal(AuditExport.JsonLinesContentType, response.Headers["content-type"]);
        Assert.Equal("next-page", response.Headers[AuditExport.NextCursorHeader]);
        Assert.Equal("req-1", response.Headers["x-request-id"]);
        Assert.Equal("no-store", response.Headers["cache-control"]);
        var lines = response.Body!.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, lines.Length);
        using var first = JsonDocument.Parse(lines[0]);
        Assert.Equal("jane", first.RootElement.GetProperty("username").GetString());
        Assert.Equal("2026-03-14T09:00:00.123Z", first.RootElement.GetProperty("occurredAt").GetString());
        Assert.False(first.RootElement.TryGetProperty("deviceName", out _)); // absent fields are left out, as in the JSON answer
    }

    [Fact]
    public void The_last_page_has_no_cursor_header()
    {
        var response = AuditExport.Render(Page(null, Event("jane")), "csv", firstPage: false, "req-1");
        Assert.False(response.Headers.ContainsKey(AuditExport.NextCursorHeader));
    }

    [Fact]
    public void Csv_has_the_header_row_on_the_first_page_only_so_pages_concatenate()
    {
        var first = AuditExport.Render(Page("c", Event("jane")), "csv", firstPage: true, "r").Body!;
        var second = AuditExport.Render(Page(null, Event("joe")), "csv", firstPage: false, "r").Body!;
        var rows = (first + second).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(string.Join(',', AuditExport.CsvColumns), rows[0]);
        Assert.Equal(3, rows.Length);
        Assert.StartsWith("2026-03-14T09:00:00.123Z,TOTP_VERIFY,FAILED,CODE_MISMATCH,acme,jane,sub-1,r-jane,c-1,203.0.113.10,", rows[1]);
        Assert.Equal(AuditExport.CsvColumns.Length, rows[1].Split(',').Length);
    }

    [Theory]
    [InlineData("plain", "plain")]
    [InlineData("a,b", "\"a,b\"")]
    [InlineData("say \"hi\"", "\"say \"\"hi\"\"\"")]
    [InlineData("two\nlines", "\"two\nlines\"")]
    [InlineData("=HYPERLINK(\"http://x\")", "\"'=HYPERLINK(\"\"http://x\"\")\"")]
    [InlineData("+1", "'+1")]
    [InlineData("-cmd", "'-cmd")]
    [InlineData("@SUM(A1)", "'@SUM(A1)")]
    [InlineData(null, "")]
    public void Csv_fields_are_quoted_and_formulas_neutralized(string? value, string expected) =>
        Assert.Equal(expected, AuditExport.CsvField(value));

    [Theory]
    [InlineData(null, null)]
    [InlineData("json", null)]
    [InlineData("jsonl", "jsonl")]
    [InlineData("csv", "csv")]
    public void Formats_are_json_jsonl_or_csv(string? format, string? expected) => Assert.Equal(expected, AuditExport.ParseFormat(format));

    [Fact]
    public void Another_format_is_a_validation_error_naming_format()
    {
        var error = Assert.Throws<EnrollmentException>(() => AuditExport.ParseFormat("xlsx"));
        Assert.Equal(ErrorCode.ValidationError, error.Code);
        Assert.Equal("format", error.Reason);
    }
}
