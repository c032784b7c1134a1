using Enrollment.Functions.Hosting;

namespace Enrollment.Functions.Tests.Http;

public class FunctionLogTests
{
    [Theory]
    [InlineData(null, true)]
    [InlineData("Information", true)]
    [InlineData("Debug", true)]
    [InlineData("Warning", false)]
    [InlineData("Error", false)]
    public void Log_level_decides_whether_request_lines_are_written(string? level, bool written)
    {
        var output = new StringWriter();
        var log = new FunctionLog(output, FunctionLog.InfoEnabledFor(level));
        log.Info("request", ("status", 200));
        log.Error("defect", ("requestId", "r-1"));
        Assert.Equal(written, output.ToString().Contains("\"message\":\"request\""));
        Assert.Contains("\"level\":\"ERROR\"", output.ToString()); // errors are always written
    }
}

public class RequestLogLineTests
{
    [Fact]
    public async Task The_request_line_carries_embedded_metrics_by_route_and_status_class()
    {
        var functions = new FakeBackedFunctions();
        var request = HttpApiRequestBuilder.Post("/v1/me/totp/associate").WithAccessToken("eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0.c2ln", "jane", "demo-client-id")
            .WithHeader("x-app-version", "2.0.0").WithSourceIp("198.51.100.1");
        await functions.MeAssociate.Handle(request.BuildStream());

        using var line = System.Text.Json.JsonDocument.Parse(functions.Log.ToString().Trim());
        var root = line.RootElement;
        Assert.Equal(("POST /v1/me/totp/associate", "4xx", 1), (root.GetProperty("route").GetString(), root.GetProperty("statusClass").GetString(), root.GetProperty("requests").GetInt32()));
        var emf = root.GetProperty("_aws").GetProperty("CloudWatchMetrics")[0];
        Assert.Equal("Enrollment", emf.GetProperty("Namespace").GetString());
        Assert.Equal(["route", "statusClass"], emf.GetProperty("Dimensions")[0].EnumerateArray().Select(d => d.GetString()));
        // Every metric and dimension EMF names must be a field of the line itself.
        Assert.All(emf.GetProperty("Metrics").EnumerateArray(), m => Assert.True(root.TryGetProperty(m.GetProperty("Name").GetString()!, out _)));
        Assert.True(root.GetProperty("_aws").GetProperty("Timestamp").GetInt64() > 1_700_000_000_000);
    }
}
