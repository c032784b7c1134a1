using System.Text;
using System.Text.Json;
using Enrollment.Core.Admin;
using Enrollment.Core.Errors;
using Enrollment.Functions.Wire;

namespace Enrollment.Functions.Http;

/// <summary>
/// The audit route's export formats (<c>format=jsonl|csv</c>): the same page as the JSON answer, one event per line,
/// for auditors' tools. The next page's cursor travels in the <see cref="NextCursorHeader"/> header (absent at the
/// end), so the body is nothing but events. CSV writes its header row on the first page only (a request without a
/// cursor), so the pages of one export concatenate into one file.
/// </summary>
public static class AuditExport
{
    public const string NextCursorHeader = "x-next-cursor";
    public const string JsonLinesContentType = "application/x-ndjson; charset=utf-8";
    public const string CsvContentType = "text/csv; charset=utf-8";

    /// <summary>The CSV columns, in order: the JSON answer's event fields.</summary>
    public static readonly string[] CsvColumns =
        ["occurredAt", "eventType", "outcome", "reason", "tenantId", "username", "userSub", "requestId", "clientId", "sourceIp", "userAgent", "appVersion", "deviceName", "actor", "actorSub"];

    /// <summary>Null for the JSON envelope (no format, or <c>json</c>); else the export format.</summary>
    public static string? ParseFormat(string? format) => format switch
    {
        null or "" or "json" => null,
        "jsonl" or "csv" => format,
        _ => throw EnrollmentException.Invalid("format must be json, jsonl or csv.", "format"),
    };

    public static HttpApiResponse Render(AuditSearchResult page, string format, bool firstPage, string requestId)
    {
        var events = page.Events.Select(AuditEventData.Of).ToList();
        var body = format == "csv" ? Csv(events, firstPage) : JsonLines(events);
        var response = ApiResponses.Text(body, format == "csv" ? CsvContentType : JsonLinesContentType, requestId);
        if (page.NextCursor is { } cursor) response.Headers[NextCursorHeader] = cursor;
        return response;
    }

    private static string JsonLines(List<AuditEventData> events)
    {
        var text = new StringBuilder(events.Count * 512);
        foreach (var e in events) text.Append(JsonSerializer.Serialize(e, FunctionJsonContext.Answers.AuditEventData)).Append('\n');
        return text.ToString();
    }

    private static string Csv(List<AuditEventData> events, bool header)
    {
        var text = new StringBuilder(events.Count * 256 + 256);
        if (header) text.AppendJoin(',', CsvColumns).Append("\r\n");
        foreach (var e in events)
        {
            string?[] row = [e.OccurredAt, e.EventType, e.Outcome, e.Reason, e.TenantId, e.Username, e.UserSub, e.RequestId,
                e.ClientId, e.SourceIp, e.UserAgent, e.AppVersion, e.DeviceName, e.Actor, e.ActorSub];
            text.AppendJoin(',', row.Select(CsvField)).Append("\r\n");
        }
        return text.ToString();
    }

    /// <summary>
    /// RFC 4180 quoting, and a leading apostrophe for a value a spreadsheet would run as a formula (= + - @, tab, CR):
    /// usernames, user agents and device names come from callers, and auditors open these files in spreadsheets.
    /// </summary>
    public static string CsvField(string? value)
    {
        if (string.IsNullOrEmpty(value)) return "";
        if (value[0] is '=' or '+' or '-' or '@' or '\t' or '\r') value = "'" + value;
        return value.IndexOfAny([',', '"', '\r', '\n']) >= 0 ? "\"" + value.Replace("\"", "\"\"") + "\"" : value;
    }
}
