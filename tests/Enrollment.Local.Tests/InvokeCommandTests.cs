using System.Diagnostics;
using System.Text.Json;
using Enrollment.Local.Cli;
using Enrollment.Local.Tests.Fixtures;
using Xunit;
using Enrollment.Testing;

namespace Enrollment.Local.Tests;

/// <summary>`invoke` as a user runs it: stdout carries only the response, stderr the rest, exit codes tell.</summary>
public sealed class InvokeCommandTests
{
    private static async Task<(int Code, string Stdout, string Stderr)> Run(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var code = await LocalCli.RunAsync(args, stdout, stderr, TestContext.Current.CancellationToken);
        return (code, stdout.ToString(), stderr.ToString());
    }

    [Fact]
    public async Task A_successful_invoke_prints_the_response_json_to_stdout_and_the_report_to_stderr()
    {
        var (code, stdout, stderr) = await Run("invoke", "EchoFunction", "--template", RepoPaths.Fixture("test-template.yaml"), "--event", RepoPaths.Fixture("echo-event.json"),
            "--parameter-overrides", "Greeting=bonjour", "AuditTable=audit-x");

        Assert.Equal(ExitCodes.Success, code);
        using var response = JsonDocument.Parse(stdout); // nothing but JSON on stdout
        Assert.Equal(200, response.RootElement.GetProperty("statusCode").GetInt32());
        Assert.Contains("\"greeting\":\"bonjour\"", response.RootElement.GetProperty("body").GetString());
        Assert.Contains("\n  \"statusCode\"", stdout); // indented
        Assert.Contains("START RequestId:", stderr);
        Assert.Contains("REPORT RequestId:", stderr);
        Assert.Contains(EchoHandler.HandlingLogLine, stderr);
        Assert.DoesNotContain(EchoHandler.HandlingLogLine, stdout);
    }

    [Fact]
    public async Task An_env_vars_file_overrides_the_template()
    {
        var envFile = Path.Combine(Path.GetTempPath(), $"env-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(envFile, """{"Parameters": {"ECHO_GREETING": "hola"}, "EchoFunction": {"LOG_LEVEL": "Trace", "NOT_IN_TEMPLATE": "1"}}""", TestContext.Current.CancellationToken);
        try
        {
            var (code, stdout, stderr) = await Run("invoke", "EchoFunction", "-t", RepoPaths.Fixture("test-template.yaml"), "-e", RepoPaths.Fixture("echo-event.json"), "--env-vars", envFile);

            Assert.Equal(ExitCodes.Success, code);
            var body = JsonDocument.Parse(stdout).RootElement.GetProperty("body").GetString()!;
            Assert.Contains("\"greeting\":\"hola\"", body);
            Assert.Contains("\"logLevel\":\"Trace\"", body);
            Assert.Contains("NOT_IN_TEMPLATE not declared in the template", stderr);
        }
        finally
        {
            File.Delete(envFile);
        }
    }

    [Fact]
    public async Task A_function_error_exits_1_with_the_error_document_on_stdout()
    {
        var (code, stdout, _) = await Run("invoke", "ThrowingFunction", "-t", RepoPaths.Fixture("test-template.yaml"), "-e", RepoPaths.Fixture("echo-event.json"));

        Assert.Equal(ExitCodes.FunctionError, code);
        Assert.Equal("boom from the handler", JsonDocument.Parse(stdout).RootElement.GetProperty("errorMessage").GetString());
    }

    public static TheoryData<string[], string> UsageErrors => new()
    {
        { ["invoke", "NoSuchFunction", "-t", RepoPaths.Fixture("test-template.yaml"), "-e", RepoPaths.Fixture("echo-event.json")], "Functions: EchoFunction, " },
        { ["invoke", "EchoFunction", "-t", RepoPaths.Fixture("test-template.yaml"), "-e", "/no/such/event.json"], "Event file not found: /no/such/event.json" },
        { ["invoke", "EchoFunction", "-t", RepoPaths.Fixture("test-template.yaml"), "-e", RepoPaths.Fixture("test-template.yaml")], "is not valid JSON (line 1" },
        { ["invoke", "EchoFunction", "-t", "/no/such/template.yaml", "-e", RepoPaths.Fixture("echo-event.json")], "Template file not found: /no/such/template.yaml" },
        { ["invoke", "MissingTypeFunction", "-t", RepoPaths.Fixture("test-template.yaml"), "-e", RepoPaths.Fixture("echo-event.json")], "Type 'Enrollment.Local.Tests.Fixtures.NotWrittenYet' was not found" },
        { ["invoke", "MissingMethodFunction", "-t", RepoPaths.Fixture("test-template.yaml"), "-e", RepoPaths.Fixture("echo-event.json")], "Method 'NoSuchMethod' was not found" },
        { ["invoke", "EchoFunction", "-t", RepoPaths.Fixture("test-template.yaml"), "-e", RepoPaths.Fixture("echo-event.json"), "--env-vars", "/no/env.json"], "Env vars file not found" },
        { ["invoke", "EchoFunction", "-t", RepoPaths.Fixture("test-template.yaml"), "-e", RepoPaths.Fixture("echo-event.json"), "--parameter-overrides", "EnvName=staging"], "allowed values: test, prod" },
        { ["invoke", "-t", RepoPaths.Fixture("test-template.yaml")], "Name the function to invoke" },
        { ["invoke", "EchoFunction", "--no-such-option"], "--no-such-option" },
    };

    [Theory]
    [MemberData(nameof(UsageErrors))]
    public async Task Usage_errors_exit_2_with_one_clear_line_and_no_stack_trace(string[] args, string expected)
    {
        var (code, stdout, stderr) = await Run(args);

        Assert.Equal(ExitCodes.UsageError, code);
        Assert.Equal("", stdout);
        Assert.StartsWith("Error: ", stderr);
        Assert.Contains(expected, stderr);
        Assert.DoesNotContain("   at ", stderr);
        Assert.DoesNotContain("Exception", stderr);
    }

    [Fact]
    public async Task Without_an_event_the_function_gets_an_empty_object_as_sam_does()
    {
        var (code, stdout, stderr) = await Run("invoke", "SyncFunction", "-t", RepoPaths.Fixture("test-template.yaml"));

        Assert.Equal(ExitCodes.Success, code);
        Assert.Equal("{}", stdout.Trim());
        Assert.Contains("No --event given", stderr);
    }

    [Fact]
    public async Task As_a_separate_process_stdout_is_pure_json_and_the_exit_code_is_set()
    {
        // The runner as a user starts it: a process of its own, its dll next to this test assembly.
        var runner = Path.Combine(AppContext.BaseDirectory, "Enrollment.Local.dll");
        Assert.True(File.Exists(runner), $"{runner} is missing");

        var ok = await RunProcess(runner, "invoke", "EchoFunction", "--template", RepoPaths.Fixture("test-template.yaml"), "--event", RepoPaths.Fixture("echo-event.json"));
        Assert.True(ok.Code == 0, ok.Stderr);
        Assert.Equal(200, JsonDocument.Parse(ok.Stdout).RootElement.GetProperty("statusCode").GetInt32());
        Assert.Contains("REPORT RequestId:", ok.Stderr);
        Assert.Contains(EchoHandler.ConstructedLogLine, ok.Stderr);

        var unknown = await RunProcess(runner, "invoke", "Nope", "--template", RepoPaths.Template, "--event", RepoPaths.Event("me-associate.json"));
        Assert.Equal(ExitCodes.UsageError, unknown.Code);
        Assert.Contains("ChallengeAssociateTotpFunction, ChallengeVerifyTotpFunction, ", unknown.Stderr); // the valid ids, sorted
        Assert.DoesNotContain("   at ", unknown.Stderr);
    }

    private static Task<(int Code, string Stdout, string Stderr)> RunProcess(string dll, params string[] args) =>
        CompletedProcess.RunAsync("dotnet", [dll, .. args], TimeSpan.FromSeconds(60));
}
