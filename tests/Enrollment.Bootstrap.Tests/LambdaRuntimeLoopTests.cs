using System.Text;
using Enrollment.Bootstrap.Runtime;

namespace Enrollment.Bootstrap.Tests;

/// <summary>The runtime's life: init once, then each event answered or reported as an error, the trace header propagated.</summary>
public sealed class LambdaRuntimeLoopTests
{
    [Fact]
    public async Task Each_event_gets_the_functions_answer_and_the_function_is_built_once()
    {
        var api = new FakeRuntimeApi(FakeRuntimeApi.Event("r1", """{"n":1}"""), FakeRuntimeApi.Event("r2", """{"n":2}"""));
        var built = 0;
        StreamFunction Echo()
        {
            built++;
            return async input =>
            {
                using var reader = new StreamReader(input);
                return new MemoryStream(Encoding.UTF8.GetBytes("echo " + await reader.ReadToEndAsync()));
            };
        }

        var code = await new LambdaRuntimeLoop(api, TextWriter.Null).RunAsync(Echo, api.Stop.Token);

        Assert.Equal(0, code);
        Assert.Equal(1, built);
        Assert.Equal("""echo {"n":1}""", api.Responses["r1"]);
        Assert.Equal("""echo {"n":2}""", api.Responses["r2"]);
        Assert.Empty(api.Errors);
    }

    [Fact]
    public async Task A_throwing_function_is_reported_as_an_invocation_error_and_the_next_event_still_runs()
    {
        var api = new FakeRuntimeApi(FakeRuntimeApi.Event("bad", """{"fail":true}"""), FakeRuntimeApi.Event("good", "{}"));
        var log = new StringWriter();
        StreamFunction Function() => input => input.Length > 2 ? throw new InvalidDataException("refused") : Task.FromResult<Stream>(new MemoryStream("ok"u8.ToArray()));

        await new LambdaRuntimeLoop(api, log).RunAsync(Function, api.Stop.Token);

        var error = api.Errors["bad"];
        Assert.Equal("InvalidDataException", error.ErrorType);
        Assert.Equal("refused", error.ErrorMessage);
        Assert.NotEmpty(error.StackTrace);
        Assert.Equal("ok", api.Responses["good"]);
        Assert.Contains("bad invocation failed: InvalidDataException", log.ToString());
        Assert.DoesNotContain("refused", log.ToString()); // the message is the function's to log, not the runtime's
    }

    [Fact]
    public async Task The_x_ray_header_of_each_event_is_in_the_trace_variable_while_it_runs()
    {
        var api = new FakeRuntimeApi(FakeRuntimeApi.Event("t1", "{}", "Root=1-5bef4de7-ad49b0e87f6ef6c87fc2e700;Sampled=1"), FakeRuntimeApi.Event("t2", "{}"));
        StreamFunction Function() => _ => Task.FromResult<Stream>(new MemoryStream(Encoding.UTF8.GetBytes(Environment.GetEnvironmentVariable(LambdaRuntimeLoop.TraceIdVariable) ?? "none")));

        await new LambdaRuntimeLoop(api, TextWriter.Null).RunAsync(Function, api.Stop.Token);

        Assert.Equal("Root=1-5bef4de7-ad49b0e87f6ef6c87fc2e700;Sampled=1", api.Responses["t1"]);
        Assert.Equal("none", api.Responses["t2"]); // an event without one does not inherit the previous event's
    }

    [Fact]
    public async Task An_unknown_handler_is_an_init_error_of_type_no_such_handler_and_ends_the_runtime()
    {
        var api = new FakeRuntimeApi(FakeRuntimeApi.Event("never", "{}"));

        var code = await new LambdaRuntimeLoop(api, TextWriter.Null).RunAsync(() => FunctionTable.Resolve("Nope::Nope.Type::Handle")(), api.Stop.Token);

        Assert.Equal(LambdaRuntimeLoop.InitFailed, code);
        var error = Assert.Single(api.InitErrors);
        Assert.Equal("Runtime.NoSuchHandler", error.ErrorType);
        Assert.Contains("Nope::Nope.Type::Handle", error.ErrorMessage);
        Assert.Empty(api.Responses); // no event was taken
    }

    [Fact]
    public async Task A_failing_constructor_is_an_init_error_with_its_exception_type()
    {
        var api = new FakeRuntimeApi(FakeRuntimeApi.Event("never", "{}"));

        var code = await new LambdaRuntimeLoop(api, TextWriter.Null).RunAsync(() => throw new InvalidOperationException("AUDIT_TABLE_NAME is not set"), api.Stop.Token);

        Assert.Equal(LambdaRuntimeLoop.InitFailed, code);
        Assert.Equal("InvalidOperationException", Assert.Single(api.InitErrors).ErrorType);
    }
}
