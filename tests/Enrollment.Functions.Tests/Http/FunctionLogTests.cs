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
