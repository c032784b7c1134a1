using System.Reflection;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Enrollment.Core.Audit;
using Enrollment.Local.Tests.OpenApi;
using Xunit;
using Enrollment.Testing;

namespace Enrollment.Local.Tests.Events;

/// <summary>
/// The factor-event pipe of template.yaml, run on the records the audit table's stream would carry for items the
/// product really writes: the filter lets through exactly the successful factor changes, the input template turns
/// each into a detail that docs/factor-changed.schema.json accepts, and the example rule of docs/events.md picks the
/// removals.
/// </summary>
public sealed partial class FactorEventsTests
{
    private static readonly string[] FactorChanges =
        [AuditEventType.TotpVerify, AuditEventType.TotpDisable, AuditEventType.TotpRecovery, AuditEventType.TotpAdminReset, AuditEventType.RecoveryCodesIssued];

    private static readonly string[] Outcomes = [AuditOutcome.Success, AuditOutcome.Denied, AuditOutcome.Failed];

    private static JsonNode Pipe => YamlJson.Load(RepoPaths.Template)["Resources"]!["FactorEventsPipe"]!["Properties"]!;

    private static JsonNode Filter => JsonNode.Parse(Assert.Single(Pipe["SourceParameters"]!["FilterCriteria"]!["Filters"]!.AsArray())!["Pattern"]!.GetValue<string>())!;

    public static TheoryData<string, string> EveryTypeAndOutcome
    {
        get
        {
            var data = new TheoryData<string, string>();
            var types = typeof(AuditEventType).GetFields(BindingFlags.Public | BindingFlags.Static).Where(f => f.IsLiteral).Select(f => (string)f.GetRawConstantValue()!);
            foreach (var type in types)
                foreach (var outcome in Outcomes) data.Add(type, outcome);
            return data;
        }
    }

    [Theory]
    [MemberData(nameof(EveryTypeAndOutcome))]
    public async Task The_filter_passes_exactly_the_successful_factor_changes(string eventType, string outcome)
    {
        var record = CapturedAuditItems.StreamRecord(await CapturedAuditItems.WriteAsync(Event(eventType, outcome)));
        var expected = outcome == AuditOutcome.Success && FactorChanges.Contains(eventType);
        Assert.True(expected == EventPattern.Matches(Filter, record), $"{eventType} {outcome}: expected {(expected ? "published" : "filtered out")}");
    }

    [Theory]
    [MemberData(nameof(FactorChangeTypes))]
    public async Task Each_published_change_becomes_a_detail_the_schema_accepts_with_the_items_values(string eventType)
    {
        var auditEvent = Event(eventType, AuditOutcome.Success);
        var record = CapturedAuditItems.StreamRecord(await CapturedAuditItems.WriteAsync(auditEvent));
        var detail = PipeInputTemplate.Apply(Pipe["TargetParameters"]!["InputTemplate"]!.GetValue<string>(), record);

        var schema = JsonNode.Parse(File.ReadAllText(Path.Combine(RepoPaths.Root, "docs", "factor-changed.schema.json")))!;
        var errors = new JsonSchemaSubset(schema).Validate(schema, detail);
        Assert.True(errors.Count == 0, string.Join("\n", errors) + "\n" + detail.ToJsonString());
        Assert.Equal(eventType, detail["change"]!.GetValue<string>());
        Assert.Equal(auditEvent.TenantId, detail["tenantId"]!.GetValue<string>());
        Assert.Equal(auditEvent.Username, detail["username"]!.GetValue<string>());
        Assert.Equal(auditEvent.RequestId, detail["requestId"]!.GetValue<string>());
        Assert.Equal(auditEvent.OccurredAt, DateTimeOffset.Parse(detail["occurredAt"]!.GetValue<string>()));
        Assert.Equal(record["dynamodb"]!["Keys"]!["pk"]!["S"]!.GetValue<string>(), detail["auditItem"]!["pk"]!.GetValue<string>());

        // The optional attributes of the item stay out of the event (documented: reached through auditItem).
        var text = detail.ToJsonString();
        foreach (var kept in new[] { auditEvent.UserSub!, auditEvent.SourceIp!, auditEvent.DeviceName!, auditEvent.Actor! })
            Assert.DoesNotContain(kept, text);
    }

    [Fact]
    public async Task Items_removed_by_ttl_are_not_published()
    {
        var item = await CapturedAuditItems.WriteAsync(Event(AuditEventType.TotpAdminReset, AuditOutcome.Success));
        Assert.True(EventPattern.Matches(Filter, CapturedAuditItems.StreamRecord(item)));
        Assert.False(EventPattern.Matches(Filter, CapturedAuditItems.StreamRecord(item, "REMOVE")));
        Assert.False(EventPattern.Matches(Filter, CapturedAuditItems.StreamRecord(item, "MODIFY")));
    }

    [Fact]
    public void The_pipe_publishes_to_the_documented_source_and_detail_type()
    {
        var bus = Pipe["TargetParameters"]!["EventBridgeEventBusParameters"]!;
        var doc = File.ReadAllText(Path.Combine(RepoPaths.Root, "docs", "events.md"));
        Assert.Contains($"| `source` | `{bus["Source"]!.GetValue<string>()}` |", doc);
        Assert.Contains($"| `detail-type` | `{bus["DetailType"]!.GetValue<string>()}` |", doc);
        foreach (var change in FactorChanges) Assert.Contains($"| `{change}` |", doc);
        var template = YamlJson.Load(RepoPaths.Template);
        Assert.Equal("NEW_IMAGE", template["Resources"]!["AuditTable"]!["Properties"]!["StreamSpecification"]!["StreamViewType"]!.GetValue<string>());
    }

    [Theory]
    [MemberData(nameof(FactorChangeTypes))]
    public async Task The_example_rule_forwards_the_removals_and_nothing_else(string eventType)
    {
        var doc = File.ReadAllText(Path.Combine(RepoPaths.Root, "docs", "events.md"));
        var example = YamlJson.Parse(YamlBlock().Match(doc).Groups["yaml"].Value);
        var rule = example["Resources"]!["FactorRemovalsRule"]!["Properties"]!;

        var record = CapturedAuditItems.StreamRecord(await CapturedAuditItems.WriteAsync(Event(eventType, AuditOutcome.Success)));
        var bus = Pipe["TargetParameters"]!["EventBridgeEventBusParameters"]!;
        var evt = new JsonObject
        {
            ["version"] = "0",
            ["source"] = bus["Source"]!.GetValue<string>(),
            ["detail-type"] = bus["DetailType"]!.GetValue<string>(),
            ["account"] = "123456789012",
            ["region"] = "us-east-1",
            ["detail"] = PipeInputTemplate.Apply(Pipe["TargetParameters"]!["InputTemplate"]!.GetValue<string>(), record),
        };
        var removal = eventType is AuditEventType.TotpDisable or AuditEventType.TotpRecovery or AuditEventType.TotpAdminReset;
        Assert.Equal(removal, EventPattern.Matches(rule["EventPattern"]!, evt));
        Assert.Equal("default", rule["EventBusName"]!.GetValue<string>());
    }

    public static TheoryData<string> FactorChangeTypes => new(FactorChanges);

    /// <summary>A realistic item: every optional attribute set, as an admin reset or a verify from an app writes them.</summary>
    private static AuditEvent Event(string eventType, string outcome) => new()
    {
        TenantId = "acme",
        UserSub = "5f1c2b9e-7a44-4c1e-9d0a-0b6f3c2e1a77",
        Username = "jane",
        EventType = eventType,
        Outcome = outcome,
        Reason = outcome == AuditOutcome.Success ? null : "NETWORK_NOT_ALLOWED",
        RequestId = "a1b2c3d4-" + eventType.ToLowerInvariant(),
        OccurredAt = new DateTimeOffset(2026, 11, 21, 10, 44, 24, 512, TimeSpan.Zero),
        ClientId = "client-1",
        SourceIp = "203.0.113.10",
        UserAgent = "Acme/2.3.1",
        AppVersion = "2.3.1",
        DeviceName = "Pixel 9",
        Actor = "acme-admin",
        ActorSub = "9a8b7c6d-0000-4000-8000-123456789abc",
        ExpiresAt = 1_795_000_000,
    };

    [GeneratedRegex("## Example: forward removals to a queue.*?```yaml\\n(?<yaml>.*?)```", RegexOptions.Singleline)]
    private static partial Regex YamlBlock();
}
