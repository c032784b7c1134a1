using System.Text.Json;
using Enrollment.Local.Hosting;
using Enrollment.Local.Template;
using Enrollment.Local.Tests.Fixtures;
using Xunit;
using Enrollment.Testing;

namespace Enrollment.Local.Tests;

/// <summary>Handler resolution and invocation against the fixture template, whose handlers live in this assembly.</summary>
public sealed class FunctionHostTests
{
    private static readonly SamTemplate Fixture = SamTemplate.Load(RepoPaths.Fixture("test-template.yaml"));

    private static FunctionHost Start(string id, StringWriter log, EnvVarsFile? envVars = null, TimeSpan? timeout = null) =>
        FunctionHost.Start(Fixture, id, new FunctionHostOptions { Log = log, EnvVars = envVars ?? EnvVarsFile.Empty, Timeout = timeout });

    private static byte[] EchoEvent => File.ReadAllBytes(RepoPaths.Fixture("echo-event.json"));

    [Fact]
    public async Task The_environment_is_in_place_before_the_handler_is_constructed()
    {
        var log = new StringWriter();
        var envVars = EnvVarsFile.Parse("""{"Parameters": {"ECHO_GREETING": "from-env-file"}, "EchoFunction": {"AUDIT_TABLE_NAME": "audit-local"}}""");
        var host = Start("EchoFunction", log, envVars);

        var result = await host.InvokeAsync(EchoEvent, "req-1", TestContext.Current.CancellationToken);

        Assert.False(result.IsError, result.PayloadText);
        using var response = JsonDocument.Parse(result.Payload);
        Assert.Equal(200, response.RootElement.GetProperty("statusCode").GetInt32());
        using var body = JsonDocument.Parse(response.RootElement.GetProperty("body").GetString()!);
        Assert.Equal("from-env-file", body.RootElement.GetProperty("greeting").GetString()); // read in the constructor
        Assert.Equal("audit-local", body.RootElement.GetProperty("table").GetString());
        Assert.Equal("Debug", body.RootElement.GetProperty("logLevel").GetString());      // function env beats Globals
        Assert.Equal("POST /echo", body.RootElement.GetProperty("routeKey").GetString());
    }

    [Fact]
    public async Task The_handler_is_constructed_once_and_reports_like_lambda()
    {
        var log = new StringWriter();
        var host = Start("EchoFunction", log);
        var before = EchoHandler.Constructions;

        var cold = await host.InvokeAsync(EchoEvent, "cold", TestContext.Current.CancellationToken);
        var warm = await host.InvokeAsync(EchoEvent, "warm", TestContext.Current.CancellationToken);

        Assert.Equal(before + 1, EchoHandler.Constructions);
        Assert.NotNull(cold.InitDuration);
        Assert.Null(warm.InitDuration);
        var text = log.ToString();
        Assert.Contains("START RequestId: cold Version: $LATEST", text);
        Assert.Contains("END RequestId: cold", text);
        Assert.Matches(@"REPORT RequestId: cold\tInit Duration: [\d.]+ ms\tDuration: [\d.]+ ms\tBilled Duration: \d+ ms\tMemory Size: 256 MB\tMax Memory Used: \d+ MB", text);
        Assert.Matches(@"REPORT RequestId: warm\tDuration: ", text);
        // The function's own console lines go to the log, not to stdout.
        Assert.Contains(EchoHandler.ConstructedLogLine, text);
        Assert.Contains(EchoHandler.HandlingLogLine, text);
    }

    [Theory]
    [InlineData("SyncFunction")]
    [InlineData("StaticFunction")]
    public async Task Stream_returning_and_static_handlers_are_supported(string id)
    {
        var result = await Start(id, new StringWriter()).InvokeAsync(EchoEvent, cancellationToken: TestContext.Current.CancellationToken);

        Assert.False(result.IsError, result.PayloadText);
        using var document = JsonDocument.Parse(result.Payload);
        Assert.True(document.RootElement.TryGetProperty(id == "SyncFunction" ? "routeKey" : "static", out _));
    }

    [Fact]
    public async Task An_exception_in_the_function_is_a_lambda_error_document()
    {
        var log = new StringWriter();
        var result = await Start("ThrowingFunction", log).InvokeAsync(EchoEvent, cancellationToken: TestContext.Current.CancellationToken);

        Assert.True(result.IsError);
        Assert.Equal("InvalidOperationException", result.ErrorType);
        using var document = JsonDocument.Parse(result.Payload);
        Assert.Equal("InvalidOperationException", document.RootElement.GetProperty("errorType").GetString());
        Assert.Equal("boom from the handler", document.RootElement.GetProperty("errorMessage").GetString());
        Assert.Contains("REPORT RequestId:", log.ToString());
    }

    [Fact]
    public async Task A_function_that_runs_past_its_timeout_is_stopped_waiting_for()
    {
        var host = Start("HangingFunction", new StringWriter(), timeout: TimeSpan.FromMilliseconds(50));

        var result = await host.InvokeAsync(EchoEvent, cancellationToken: TestContext.Current.CancellationToken);

        Assert.True(result.IsError);
        Assert.Equal("Sandbox.Timedout", result.ErrorType);
        Assert.Contains("Task timed out after 0.05 seconds", result.PayloadText);
    }

    [Fact]
    public void A_handler_without_a_parameterless_constructor_is_refused_up_front()
    {
        var error = Assert.Throws<HandlerResolutionException>(() => Start("NoConstructorFunction", new StringWriter()));
        Assert.Contains("public parameterless constructor", error.Message);
    }

    [Theory]
    [InlineData("MissingTypeFunction", "Type 'Enrollment.Local.Tests.Fixtures.NotWrittenYet' was not found in Enrollment.Local.Tests")]
    [InlineData("MissingMethodFunction", "Method 'NoSuchMethod' was not found on Enrollment.Local.Tests.Fixtures.EchoHandler")]
    [InlineData("WrongSignatureFunction", "must take (Stream) and return Stream or Task<Stream>; found: Task<String> WrongSignature(String)")]
    [InlineData("MissingAssemblyFunction", "Assembly 'Not.Built.Yet' was not found. Looked in:")]
    [InlineData("MalformedHandlerFunction", "is not of the form Assembly::Namespace.Type::Method")]
    public void Handler_resolution_errors_say_what_is_wrong(string id, string expected)
    {
        var error = Assert.Throws<HandlerResolutionException>(() => Start(id, new StringWriter()));
        Assert.Contains(expected, error.Message);
        Assert.DoesNotContain("   at ", error.Message);
    }

    [Fact]
    public void An_unknown_function_lists_the_functions_there_are()
    {
        var error = Assert.Throws<TemplateException>(() => Start("NoSuchFunction", new StringWriter()));
        Assert.Contains("'NoSuchFunction'", error.Message);
        Assert.Contains("EchoFunction", error.Message);
        Assert.Contains("ThrowingFunction", error.Message);
    }

    [Fact]
    public void The_assembly_is_also_looked_for_under_the_code_uri_bin_folders()
    {
        var codeUri = Directory.CreateTempSubdirectory("codeuri-");
        try
        {
            var release = Directory.CreateDirectory(Path.Combine(codeUri.FullName, "bin", "Release", "net10.0"));
            var debug = Directory.CreateDirectory(Path.Combine(codeUri.FullName, "bin", "Debug", "net10.0"));

            var directories = HandlerAssemblyLocator.ProbeDirectories(codeUri.FullName);

            Assert.Equal(AppContext.BaseDirectory, directories[0]);
            Assert.Contains(release.FullName, directories);
            Assert.Contains(debug.FullName, directories);
            var error = Assert.Throws<HandlerResolutionException>(() => HandlerAssemblyLocator.Load("Absent.Assembly", directories));
            Assert.Contains(release.FullName, error.Message);
        }
        finally
        {
            codeUri.Delete(recursive: true);
        }
    }
}
