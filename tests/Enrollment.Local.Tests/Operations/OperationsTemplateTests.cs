using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Enrollment.Core.Audit;
using Enrollment.Core.Errors;
using Enrollment.Functions.Hosting;
using Enrollment.Functions.Http;
using Enrollment.Local.Tests.OpenApi;
using Xunit;
using Enrollment.Testing;

namespace Enrollment.Local.Tests.Operations;

/// <summary>
/// The dashboard and alarms of template.yaml watch the metrics the code really emits: the EMF blocks of the request
/// line and of a failed audit write are produced here by the real classes and compared with the template.
/// </summary>
public sealed partial class OperationsTemplateTests
{
    private static readonly string[] Alarms = ["HttpErrorRateAlarm", "TriggerDurationAlarm", "DynamoDbThrottleAlarm", "AuditWriteFailureAlarm"];

    private static JsonObject Resources => YamlJson.Load(RepoPaths.Template)["Resources"]!.AsObject();

    [Fact]
    public void Every_alarm_notifies_the_topic_parameter_when_it_is_set()
    {
        var template = YamlJson.Load(RepoPaths.Template);
        Assert.Equal("", template["Parameters"]!["AlarmTopicArn"]!["Default"]!.GetValue<string>());
        Assert.NotNull(template["Conditions"]!["HasAlarmTopic"]);
        foreach (var name in Alarms)
        {
            var properties = Resources[name]!["Properties"]!;
            Assert.Equal("AWS::CloudWatch::Alarm", Resources[name]!["Type"]!.GetValue<string>());
            foreach (var actions in new[] { "AlarmActions", "OKActions" })
            {
                var choice = properties[actions]!.AsArray(); // !If [HasAlarmTopic, [topic], AWS::NoValue]
                Assert.Equal("HasAlarmTopic", choice[0]!.GetValue<string>());
                Assert.Equal("AlarmTopicArn", choice[1]!.AsArray().Single()!.GetValue<string>());
            }
            Assert.Contains("docs/operations.md#", properties["AlarmDescription"]!.GetValue<string>());
        }
    }

    [Fact]
    public void Each_alarm_has_its_section_in_the_operations_guide()
    {
        var guide = File.ReadAllText(Path.Combine(RepoPaths.Root, "docs", "operations.md"));
        foreach (var name in Alarms)
        {
            var anchor = Regex.Match(Resources[name]!["Properties"]!["AlarmDescription"]!.GetValue<string>(), "operations.md#([a-z0-9-]+)").Groups[1].Value;
            var headings = Regex.Matches(guide, "^#+ (.+)$", RegexOptions.Multiline)
                .Select(m => Regex.Replace(m.Groups[1].Value.Trim().ToLowerInvariant().Replace(' ', '-'), "[^a-z0-9-]", ""));
            Assert.True(headings.Contains(anchor), $"docs/operations.md has no heading for #{anchor} ({name})");
            Assert.Contains(name, guide);
        }
    }

    [Fact]
    public async Task The_dashboard_graphs_the_request_metrics_the_http_functions_emit()
    {
        var log = new StringWriter();
        var runner = new HttpFunctionRunner(new FunctionLog(log), TimeSpan.FromSeconds(5));
        await using var input = File.OpenRead(RepoPaths.Event("me-associate.json"));
        await runner.RunAsync(input, "POST /v1/me/totp/associate", (_, _) => throw EnrollmentException.Invalid("no", "code"));
        var metrics = EmfDirective(log.ToString(), "request");

        var body = DashboardBody();
        string Search(string metric) => $"SEARCH('{{{metrics.Namespace},{string.Join(',', metrics.Dimensions)}}} MetricName=\\\"{metric}\\\"'";
        foreach (var metric in metrics.Names)
            Assert.True(body.Contains(Search(metric), StringComparison.Ordinal), $"the dashboard has no {Search(metric)}");
        Assert.Equal(["requests", "durationMs"], metrics.Names);
    }

    [Fact]
    public async Task The_audit_alarm_watches_the_metric_a_failed_audit_write_emits()
    {
        var log = new StringWriter();
        var audit = new MeteredAuditLog(new FailingAuditLog(), new FunctionLog(log));
        var failure = await Assert.ThrowsAsync<EnrollmentException>(() => audit.WriteAsync(
            new AuditEvent { TenantId = "acme", EventType = "TOTP_VERIFY", Outcome = "SUCCESS", RequestId = "r-1", OccurredAt = DateTimeOffset.UnixEpoch, ExpiresAt = 0 }, CancellationToken.None));
        Assert.Equal(ErrorCode.ServiceUnavailable, failure.Code); // the failure still reaches the workflow: fail closed

        var line = JsonNode.Parse(log.ToString().Trim())!;
        var metrics = EmfDirective(log.ToString(), "audit write failed");
        var alarm = Resources["AuditWriteFailureAlarm"]!["Properties"]!;
        Assert.Equal(metrics.Namespace, alarm["Namespace"]!.GetValue<string>());
        Assert.Equal(metrics.Names.Single(), alarm["MetricName"]!.GetValue<string>());
        var dimension = alarm["Dimensions"]!.AsArray().Single()!;
        Assert.Equal(metrics.Dimensions.Single(), dimension["Name"]!.GetValue<string>());
        Assert.Equal(line[metrics.Dimensions.Single()]!.GetValue<string>(), dimension["Value"]!.GetValue<string>());
        Assert.Equal(1, line[metrics.Names.Single()]!.GetValue<int>());
        Assert.Contains($"\"{metrics.Namespace}\", \"{metrics.Names.Single()}\", \"{dimension["Name"]}\", \"{dimension["Value"]}\"", DashboardBody());
    }

    [Fact]
    public void The_dashboard_body_is_json_and_shows_every_alarm()
    {
        var body = DashboardBody();
        var json = JsonNode.Parse(Placeholder().Replace(body, "x"))!;
        var widgets = json["widgets"]!.AsArray();
        Assert.True(widgets.Count >= 8);
        var alarmWidget = widgets.Single(w => w!["type"]!.GetValue<string>() == "alarm")!;
        var shown = alarmWidget["properties"]!["alarms"]!.AsArray().Select(a => a!.GetValue<string>()).ToList();
        Assert.Equal(Alarms.Select(a => "x"), shown);
        foreach (var alarm in Alarms) Assert.Contains($"${{{alarm}.Arn}}", body);
        foreach (var trigger in new[] { "DefineAuthChallengeFunction", "CreateAuthChallengeFunction", "VerifyAuthChallengeFunction", "PreTokenGenerationFunction" })
            Assert.Contains($"${{{trigger}}}", body);
    }

    private static string DashboardBody()
    {
        var sub = Resources["OperationsDashboard"]!["Properties"]!["DashboardBody"]!;
        return (sub is JsonArray list ? list[0]! : sub).GetValue<string>();
    }

    private static (string Namespace, string[] Dimensions, string[] Names) EmfDirective(string log, string message)
    {
        var line = log.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonNode.Parse(l)!)
            .Single(l => l["message"]!.GetValue<string>() == message);
        var directive = line["_aws"]!["CloudWatchMetrics"]!.AsArray().Single()!;
        return (directive["Namespace"]!.GetValue<string>(),
            directive["Dimensions"]!.AsArray().Single()!.AsArray().Select(d => d!.GetValue<string>()).ToArray(),
            directive["Metrics"]!.AsArray().Select(m => m!["Name"]!.GetValue<string>()).ToArray());
    }

    [GeneratedRegex(@"\$\{[^}]+\}")]
    private static partial Regex Placeholder();

    private sealed class FailingAuditLog : IAuditLog
    {
        public Task WriteAsync(AuditEvent auditEvent, CancellationToken cancellationToken) =>
            throw new EnrollmentException(ErrorCode.ServiceUnavailable, "The audit store is unavailable; nothing was returned.");
    }
}
