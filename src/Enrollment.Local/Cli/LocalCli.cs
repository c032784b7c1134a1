using System.CommandLine;
using Enrollment.Local.Template;

namespace Enrollment.Local.Cli;

/// <summary>The command line of the local runner. <c>start-api</c> and <c>up</c> join <c>invoke</c> here.</summary>
public static class LocalCli
{
    public static Task<int> RunAsync(string[] args) => RunAsync(args, Console.Out, Console.Error, CancellationToken.None);

    public static async Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken)
    {
        var root = new RootCommand("Enrollment local runner: run the template's functions on this machine.");
        root.Subcommands.Add(BuildInvoke(stdout, stderr));
        var parsed = root.Parse(args);
        if (parsed.Errors.Count > 0)
        {
            foreach (var error in parsed.Errors) await stderr.WriteLineAsync($"Error: {error.Message}").ConfigureAwait(false);
            await stderr.WriteLineAsync("Run with --help for usage.").ConfigureAwait(false);
            return ExitCodes.UsageError;
        }
        var configuration = new InvocationConfiguration { Output = stdout, Error = stderr, EnableDefaultExceptionHandler = true };
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

        var command = new Command("invoke", "Invoke one function with an event, as `sam local invoke` does.")
        {
            function, eventFile, envVars, template, overrides, region,
        };
        command.SetAction((parse, cancellationToken) => InvokeCommand.RunAsync(
            new InvokeCommand.Arguments(
                parse.GetValue(function),
                parse.GetValue(eventFile),
                parse.GetValue(envVars),
                parse.GetValue(template) ?? SamTemplate.DefaultFileName,
                parse.GetValue(overrides) ?? [],
                parse.GetValue(region)),
            stdout, stderr, cancellationToken));
        return command;
    }
}
