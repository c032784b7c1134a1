using System.CommandLine;
using Enrollment.Local.Hosting;
using Enrollment.Local.Template;

namespace Enrollment.Local.Cli;

/// <summary>The command line of the local runner: <c>invoke</c>, <c>start-api</c>, <c>up</c> and <c>demo</c>.</summary>
public static class LocalCli
{
    public static Task<int> RunAsync(string[] args) => RunAsync(args, Console.Out, Console.Error, CancellationToken.None);

    public static async Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken)
    {
        var root = new RootCommand("Enrollment local runner: run the template's functions on this machine.");
        root.Subcommands.Add(BuildInvoke(stdout, stderr));
        root.Subcommands.Add(BuildStartApi(stdout, stderr));
        root.Subcommands.Add(BuildUp(stdout, stderr));
        root.Subcommands.Add(BuildDemo(stdout, stderr));
        var parsed = root.Parse(args);
        if (parsed.Errors.Count > 0)
        {
            foreach (var error in parsed.Errors) await stderr.WriteLineAsync($"Error: {error.Message}").ConfigureAwait(false);
            await stderr.WriteLineAsync("Run with --help for usage.").ConfigureAwait(false);
            return ExitCodes.UsageError;
        }
        // up and start-api handle Ctrl-C and SIGTERM themselves (they must stop the emulator), so the parser does not.
        var configuration = new InvocationConfiguration { Output = stdout, Error = stderr, EnableDefaultExceptionHandler = true, ProcessTerminationTimeout = null };
        return await parsed.InvokeAsync(configuration, cancellationToken).ConfigureAwait(false);
    }

    private static Command BuildInvoke(TextWriter stdout, TextWriter stderr)
    {
        var function = new Argument<string?>("FunctionLogicalId")
        {
            Description = "The function's logical id in the template (optional when it declares one function).",
            Arity = ArgumentArity.ZeroOrOne,
        };
        var eventFile = new Option<string?>("--event", "-e") { Description = "JSON event file (default: an empty event {})." };
        var envVars = new Option<string?>("--env-vars", "-n") { Description = "Env vars file in SAM's format: {\"Parameters\": {...}, \"FunctionLogicalId\": {...}}." };
        var template = new Option<string>("--template", "-t")
        {
            Description = "The SAM template.",
            DefaultValueFactory = _ => SamTemplate.DefaultFileName,
        };
        var overrides = new Option<string[]>("--parameter-overrides")
        {
            Description = "Template parameters (Name=Value), resource names (LogicalId=Value) or attributes (LogicalId.Attribute=Value).",
            AllowMultipleArgumentsPerToken = true,
            DefaultValueFactory = _ => [],
        };
        var region = new Option<string?>("--region") { Description = "AWS::Region and AWS_REGION (default: AWS_REGION, else us-east-1)." };
        var stackFile = new Option<string?>("--stack-file") { Description = "Point the function at a running `up` (its stack file, e.g. .local/stack.json)." };
        var (runtime, bootstrap) = RuntimeOptions();

        var command = new Command("invoke", "Invoke one function with an event, as `sam local invoke` does.")
        {
            function, eventFile, envVars, template, overrides, region, stackFile, runtime, bootstrap,
        };
        command.SetAction((parse, cancellationToken) => InvokeCommand.RunAsync(
            new InvokeCommand.Arguments(
                parse.GetValue(function),
                parse.GetValue(eventFile),
                parse.GetValue(envVars),
                parse.GetValue(template) ?? SamTemplate.DefaultFileName,
                parse.GetValue(overrides) ?? [],
                parse.GetValue(region),
                parse.GetValue(stackFile),
                parse.GetValue(runtime),
                parse.GetValue(bootstrap)),
            stdout, stderr, cancellationToken));
        return command;
    }

    private static Command BuildStartApi(TextWriter stdout, TextWriter stderr)
    {
        var port = PortOption();
        var template = TemplateOption();
        var envVars = new Option<string?>("--env-vars", "-n") { Description = "Env vars file in SAM's format; point the functions at existing endpoints with AWS_ENDPOINT_URL_* here." };
        var overrides = new Option<string[]>("--parameter-overrides")
        {
            Description = "Template parameters and resource values (Name=Value), e.g. UserPool=us-east-1_abc UserPoolClient=client-id.",
            AllowMultipleArgumentsPerToken = true,
            DefaultValueFactory = _ => [],
        };
        var region = new Option<string?>("--region") { Description = "AWS::Region and AWS_REGION (default: AWS_REGION, else us-east-1)." };
        var issuer = new Option<string?>("--issuer") { Description = "The issuer tokens must carry (default: the template's authorizer issuer)." };
        var jwks = new Option<string?>("--jwks") { Description = "Where the signing keys are (default: {issuer}/.well-known/jwks.json; for moto: {endpoint}/{poolId}/.well-known/jwks.json)." };
        var (runtime, bootstrap) = RuntimeOptions();
        var noVerify = new Option<bool>("--no-verify-token") { Description = "Turn the JWT authorizer emulation off: bearer tokens are decoded and their claims passed on, unverified." };

        var command = new Command("start-api", "Serve the template's HTTP API on 127.0.0.1 against existing endpoints, as `sam local start-api` does, with the JWT authorizer emulated.")
        {
            port, template, envVars, overrides, region, issuer, jwks, noVerify, runtime, bootstrap,
        };
        command.SetAction((parse, cancellationToken) => StartApiCommand.RunAsync(
            new StartApiCommand.Arguments(
                parse.GetValue(port),
                parse.GetValue(template) ?? SamTemplate.DefaultFileName,
                parse.GetValue(envVars),
                parse.GetValue(overrides) ?? [],
                parse.GetValue(region),
                parse.GetValue(issuer),
                parse.GetValue(jwks),
                parse.GetValue(noVerify),
                parse.GetValue(runtime),
                parse.GetValue(bootstrap)),
            stdout, stderr, cancellationToken));
        return command;
    }

    private static Command BuildUp(TextWriter stdout, TextWriter stderr)
    {
        var port = PortOption();
        var tenants = new Option<string?>("--tenants") { Description = "JSON array of tenant policy documents (api.md); appClientIds may be omitted. Default: events/tenants.sample.json." };
        var poolMfa = new Option<string>("--pool-mfa")
        {
            Description = "The user pool's MFA setting: optional, or on (demo users then sign in through NEW_PASSWORD_REQUIRED and MFA_SETUP).",
            DefaultValueFactory = _ => "optional",
        };
        poolMfa.AcceptOnlyFromAmong("optional", "on");
        var stackFile = new Option<string>("--stack-file")
        {
            Description = "Where to write the stack file (removed again when `up` stops).",
            DefaultValueFactory = _ => Stack.StackFile.DefaultPath,
        };
        var template = TemplateOption();
        var (runtime, bootstrap) = RuntimeOptions();

        var command = new Command("up", "Run the whole service locally: the emulator (moto), the template's tables, user pool, tenants and demo users, and the HTTP API with the JWT authorizer emulated.")
        {
            port, tenants, poolMfa, stackFile, template, runtime, bootstrap,
        };
        command.SetAction((parse, cancellationToken) => UpCommand.RunAsync(
            new UpCommand.Arguments(
                parse.GetValue(port),
                parse.GetValue(tenants),
                parse.GetValue(poolMfa) ?? "optional",
                parse.GetValue(stackFile) ?? Stack.StackFile.DefaultPath,
                parse.GetValue(template) ?? SamTemplate.DefaultFileName,
                parse.GetValue(runtime),
                parse.GetValue(bootstrap)),
            stdout, stderr, cancellationToken));
        return command;
    }

    private static Command BuildDemo(TextWriter stdout, TextWriter stderr)
    {
        var stackFile = new Option<string>("--stack-file")
        {
            Description = "The running `up`'s stack file.",
            DefaultValueFactory = _ => Stack.StackFile.DefaultPath,
        };
        var tenant = new Option<string?>("--tenant") { Description = "The tenant whose demo user enrolls (default: the first)." };
        var nonInteractive = new Option<bool>("--non-interactive") { Description = "Compute the codes from the secret instead of reading them (scripts)." };
        var appVersion = new Option<string>("--app-version")
        {
            Description = "The x-app-version header the demo app sends.",
            DefaultValueFactory = _ => "2.3.1",
        };
        var command = new Command("demo", "Enroll the demo user's phone against a running `up`: QR code in the terminal, verify, recovery codes, sign in with MFA.")
        {
            stackFile, tenant, nonInteractive, appVersion,
        };
        command.SetAction((parse, cancellationToken) => DemoCommand.RunAsync(
            new DemoCommand.Arguments(
                parse.GetValue(stackFile) ?? Stack.StackFile.DefaultPath,
                parse.GetValue(tenant),
                parse.GetValue(nonInteractive),
                parse.GetValue(appVersion) ?? "2.3.1"),
            Console.In, stdout, stderr, cancellationToken));
        return command;
    }

    /// <summary>--runtime and --bootstrap, shared by the three commands.</summary>
    private static (Option<RuntimeMode> Runtime, Option<string?> Bootstrap) RuntimeOptions()
    {
        var runtime = new Option<RuntimeMode>("--runtime")
        {
            Description = "How functions run. auto: provided.* functions run the native bootstrap through a local Runtime API when this machine " +
                "can build it, else its managed build (also through the Runtime API); dotnet* functions in-process. native, managed: that " +
                "bootstrap build. in-process: the handler loaded into this process (fast, not what ships).",
            DefaultValueFactory = _ => RuntimeMode.Auto,
            CustomParser = result => result.Tokens.Single().Value.Replace("-", "", StringComparison.Ordinal).ToLowerInvariant() switch
            {
                "auto" => RuntimeMode.Auto,
                "native" => RuntimeMode.Native,
                "managed" => RuntimeMode.Managed,
                "inprocess" => RuntimeMode.InProcess,
                var other => Fail(result, $"--runtime must be auto, native, managed or in-process, not '{other}'."),
            },
        };
        var bootstrap = new Option<string?>("--bootstrap")
        {
            Description = $"A bootstrap already built (the native executable, or bootstrap.dll of the managed build): no build. Default: ${FunctionInvokers.BootstrapVariable}.",
        };
        return (runtime, bootstrap);
    }

    private static RuntimeMode Fail(System.CommandLine.Parsing.ArgumentResult result, string message)
    {
        result.AddError(message);
        return RuntimeMode.Auto;
    }

    private static Option<int> PortOption() => new("--port", "-p")
    {
        Description = "The port on 127.0.0.1 the API listens on.",
        DefaultValueFactory = _ => 3000,
    };

    private static Option<string> TemplateOption() => new("--template", "-t")
    {
        Description = "The SAM template.",
        DefaultValueFactory = _ => SamTemplate.DefaultFileName,
    };
}
