using System.Text.Json;
using Enrollment.Local.Hosting;
using Enrollment.Local.Template;
using Enrollment.Testing;

namespace Enrollment.Local.Tests;

/// <summary>
/// The bootstrap as a separate process behind the local Runtime API: cold start once, warm after, the init error
/// Lambda reports for a handler bootstrap does not hold, and the process's environment (no leak from the runner).
/// Needs no emulator: the functions here fail before any AWS call, or are asked about their own state.
/// </summary>
public sealed class RuntimeApiFunctionHostTests
{
    private static readonly CancellationToken Ct = TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_handler_bootstrap_does_not_hold_is_an_init_error_no_such_handler()
    {
        // The fixture's handlers live in the test assembly: bootstrap's table has none of them.
        var template = SamTemplate.Load(RepoPaths.Fixture("test-template.yaml"));
        var log = new StringWriter();
        await using var host = await RuntimeApiFunctionHost.StartAsync(template, "EchoFunction", BootstrapForTests.Artifact, new FunctionHostOptions { Log = log }, Ct);

        var result = await host.InvokeAsync("{}"u8.ToArray(), "req-init", Ct);

        Assert.True(result.IsError);
        Assert.Equal("Runtime.NoSuchHandler", result.ErrorType);
        using var error = JsonDocument.Parse(result.Payload);
        Assert.Equal("Runtime.NoSuchHandler", error.RootElement.GetProperty("errorType").GetString());
        Assert.Contains(template.Functions["EchoFunction"].Handler, error.RootElement.GetProperty("errorMessage").GetString());
        Assert.Contains("REPORT RequestId: req-init\tInit Duration:", log.ToString());
        Assert.Null(host.ProcessId); // the runtime exits after an init error; the next event starts a new one
    }

    [Fact]
    public async Task The_first_event_starts_the_process_and_the_next_ones_reuse_it()
    {
        var template = SamTemplate.Load(RepoPaths.Template);
        var log = new StringWriter();
        // No tables: the function answers the malformed body with its 400 before any AWS call.
        await using var host = await RuntimeApiFunctionHost.StartAsync(template, "MeVerifyTotpFunction", BootstrapForTests.Artifact,
            new FunctionHostOptions { Log = log, Timeout = TimeSpan.FromSeconds(30) }, Ct);
        var payload = await File.ReadAllBytesAsync(RepoPaths.Event("me-verify-malformed-json.json"), Ct);

        var cold = await host.InvokeAsync(payload, "cold", Ct);
        var pid = host.ProcessId;
        var warm = await host.InvokeAsync(payload, "warm", Ct);

        Assert.False(cold.IsError, cold.PayloadText + log);
        Assert.NotNull(cold.InitDuration);
        Assert.Null(warm.InitDuration);
        Assert.NotNull(pid);
        Assert.Equal(pid, host.ProcessId);
        using var answer = JsonDocument.Parse(warm.Payload);
        Assert.Equal(400, answer.RootElement.GetProperty("statusCode").GetInt32());
        Assert.True(warm.MaxMemoryUsedMb > 0);
        Assert.Contains("REPORT RequestId: warm\tDuration:", log.ToString());
    }

    [Fact]
    public async Task The_process_gets_the_lambda_variables_and_not_the_runners_environment()
    {
        Environment.SetEnvironmentVariable("RUNNER_ONLY_SECRET", "must-not-leak");
        try
        {
            var template = SamTemplate.Load(RepoPaths.Template);
            await using var host = await RuntimeApiFunctionHost.StartAsync(template, "MeAssociateTotpFunction", BootstrapForTests.Artifact, cancellationToken: Ct);

            Assert.Equal(template.Functions["MeAssociateTotpFunction"].Handler, host.Environment["_HANDLER"]);
            Assert.Matches(@"^127\.0\.0\.1:\d+$", host.Environment["AWS_LAMBDA_RUNTIME_API"]);
            Assert.Equal("MeAssociateTotpFunction", host.Environment["AWS_LAMBDA_FUNCTION_NAME"]);
            Assert.False(host.Environment.ContainsKey("RUNNER_ONLY_SECRET"));
            Assert.False(host.Environment.ContainsKey("AWS_EXECUTION_ENV")); // Lambda sets none for provided.*
        }
        finally
        {
            Environment.SetEnvironmentVariable("RUNNER_ONLY_SECRET", null);
        }
    }
}
