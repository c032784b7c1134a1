using System.Text.Json;
using Enrollment.Infrastructure.Configuration;
using Enrollment.Local.Hosting;
using Enrollment.Local.Stack;
using Enrollment.Local.Template;

namespace Enrollment.Local.Cli;

/// <summary>
/// <c>invoke</c>, as <c>sam local invoke</c>: one event through one function named by its logical id. The response
/// goes to stdout, indented; START/END/REPORT and the function's own log lines go to stderr.
/// </summary>
public static class InvokeCommand
{
    public sealed record Arguments(
        string? FunctionLogicalId,
        string? EventPath,
        string? EnvVarsPath,
        string TemplatePath,
        IReadOnlyList<string> ParameterOverrides,
        string? Region,
        string? StackFilePath = null,
        RuntimeMode Runtime = RuntimeMode.Auto,
        string? BootstrapPath = null);

    public static async Task<int> RunAsync(Arguments args, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken)
    {
        try
        {
            var options = new TemplateLoadOptions
            {
                Overrides = TemplateLoadOptions.ParseOverrides(args.ParameterOverrides),
                Region = args.Region ?? TemplateLoadOptions.DefaultRegion(),
            };
            var template = SamTemplate.Load(args.TemplatePath, options);
            var functionId = args.FunctionLogicalId ?? SingleFunction(template);
            var envVars = args.EnvVarsPath is null ? EnvVarsFile.Empty : EnvVarsFile.Load(args.EnvVarsPath);
            if (args.StackFilePath is not null) envVars = RunningStack(args.StackFilePath).Under(envVars);
            var payload = ReadEvent(args.EventPath, stderr);

            var invokers = new FunctionInvokers(args.Runtime, args.BootstrapPath, stderr);
            await using var host = await invokers.StartAsync(template, functionId, new FunctionHostOptions { EnvVars = envVars, Log = stderr }, cancellationToken).ConfigureAwait(false);
            if (template.Functions.TryGetValue(functionId, out var function))
            {
                var undeclared = FunctionEnvironment.Undeclared(function, envVars);
                if (undeclared.Count > 0)
                    await stderr.WriteLineAsync($"Note: {string.Join(", ", undeclared)} not declared in the template for {functionId}; applied anyway (sam local would ignore them).").ConfigureAwait(false);
            }
            await stderr.WriteLineAsync($"Invoking {host.Function.Handler} ({function?.Runtime ?? "no runtime"}): {host.Describe()}").ConfigureAwait(false);

            var result = await host.InvokeAsync(payload, cancellationToken: cancellationToken).ConfigureAwait(false);
            await stdout.WriteLineAsync(JsonText.Pretty(result.Payload)).ConfigureAwait(false);
            await stdout.FlushAsync(cancellationToken).ConfigureAwait(false);
            return result.IsError ? ExitCodes.FunctionError : ExitCodes.Success;
        }
        catch (Exception ex) when (ex is TemplateException or HandlerResolutionException or EnvVarsFileException or CliException)
        {
            await stderr.WriteLineAsync($"Error: {ex.Message}").ConfigureAwait(false);
            return ExitCodes.UsageError;
        }
    }

    /// <summary>
    /// The environment that points a function at a running `up` (its stack file): the emulator's endpoints, the
    /// region, the emulator's keys, the pool and the tables. An --env-vars file still wins where both set a name.
    /// </summary>
    private static EnvVarsFile RunningStack(string path)
    {
        if (!File.Exists(path))
            throw new CliException($"Stack file not found: {Path.GetFullPath(path)}. Start the local stack first: dotnet run --project src/Enrollment.Local -- up");
        StackFile stack;
        try
        {
            stack = StackFile.Read(path);
        }
        catch (Exception ex) when (ex is JsonException or InvalidDataException)
        {
            throw new CliException($"{path} is not a stack file written by `up`.");
        }
        var variables = UpCommand.EmulatorEnvironment(stack.Endpoints.CognitoIdp, stack.Endpoints.Dynamodb, stack.Region);
        variables[EnrollmentSettings.UserPoolIdVariable] = stack.UserPoolId;
        if (stack.RecoveryCodePepper is { Length: > 0 } pepper) variables[EnrollmentSettings.RecoveryCodePepperVariable] = pepper;
        foreach (var (table, name) in stack.Tables)
            if (StackTableVariables.TryGetValue(table, out var variable)) variables[variable] = name;
        return EnvVarsFile.FromParameters(variables, path);
    }

    private static readonly Dictionary<string, string> StackTableVariables = new(StringComparer.Ordinal)
    {
        ["audit"] = EnrollmentSettings.AuditTableVariable,
        ["tenants"] = EnrollmentSettings.TenantsTableVariable,
        ["userState"] = EnrollmentSettings.UserStateTableVariable,
    };

    private static string SingleFunction(SamTemplate template) => template.Functions.Count == 1
        ? template.Functions.Keys.Single()
        : throw new CliException(
            $"Name the function to invoke. Functions in {template.Path}: {string.Join(", ", template.Functions.Keys.Order(StringComparer.Ordinal))}.");

    private static byte[] ReadEvent(string? path, TextWriter stderr)
    {
        if (path is null)
        {
            stderr.WriteLine("No --event given: invoking with {}.");
            return "{}"u8.ToArray();
        }
        if (!File.Exists(path)) throw new CliException($"Event file not found: {Path.GetFullPath(path)}.");
        var bytes = File.ReadAllBytes(path);
        try
        {
            using var _ = JsonDocument.Parse(bytes);
        }
        catch (JsonException ex)
        {
            throw new CliException($"Event file {path} is not valid JSON (line {ex.LineNumber + 1}, byte {ex.BytePositionInLine + 1}).");
        }
        return bytes;
    }
}
