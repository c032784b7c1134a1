using System.Diagnostics;
using System.Globalization;
using Amazon.Runtime;
using Enrollment.Core.Policy;
using Enrollment.Infrastructure.Cognito;
using Enrollment.Infrastructure.Configuration;
using Enrollment.Infrastructure.DynamoDb;
using Enrollment.Local.Api;
using Enrollment.Local.Cognito;
using Enrollment.Local.Emulator;
using Enrollment.Local.Hosting;
using Enrollment.Local.Stack;
using Enrollment.Local.Template;

namespace Enrollment.Local.Cli;

/// <summary>
/// <c>up</c>: the whole service on this machine. Starts moto on a free loopback port, creates what template.yaml
/// declares (tables, user pool, one app client, one demo user and one admin group with its administrator per tenant,
/// the tenants' policies), serves the HTTP API through the template's handlers with the JWT authorizer emulated,
/// writes the stack file, and runs until Ctrl-C or SIGTERM. Whatever way it ends, including a failure while starting, the emulator is killed
/// and the stack file removed: nothing is left running.
/// </summary>
public static class UpCommand
{
    public sealed record Arguments(
        int Port,
        string? TenantsPath,
        string PoolMfa,
        string StackFilePath,
        string TemplatePath,
        RuntimeMode Runtime = RuntimeMode.Auto,
        string? BootstrapPath = null);

    /// <summary>Functions re-read a tenant's policy after this long, so an edited policy shows up at once locally.</summary>
    public const string PolicyCacheSeconds = "1";

    public static async Task<int> RunAsync(Arguments args, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken)
    {
        using var signals = ShutdownSignals.Listen(cancellationToken);
        var stop = signals.Token;
        var progress = new ProgressLog(stdout);
        var run = new UpRun(stdout);
        try
        {
            var inputs = CheckInputs(args);
            var invokers = await BuildBootstrapAsync(args, inputs.Template, progress, stdout, stop).ConfigureAwait(false);
            run.Moto = await StartEmulatorAsync(inputs.MotoExecutable, progress, stop).ConfigureAwait(false);
            var stack = await ProvisionAsync(inputs, run.Moto, progress, stop).ConfigureAwait(false);
            var stackFile = await StartApiAsync(args, inputs, stack, invokers, run, progress, stdout, stderr, stop).ConfigureAwait(false);
            stackFile.Write(args.StackFilePath);
            run.StackFilePath = args.StackFilePath;
            await UpSummary.WriteAsync(stdout, stackFile, stack, run.Api!.Routes, args.StackFilePath).ConfigureAwait(false);
            await WaitForStopAsync(signals, stdout, stop).ConfigureAwait(false);
            return ExitCodes.Success;
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            await stderr.WriteLineAsync($"{signals.Received ?? "Stop"} received while starting: stopped.").ConfigureAwait(false);
            return ExitCodes.Interrupted;
        }
        catch (MissingToolException ex)
        {
            await stderr.WriteLineAsync($"Error: {ex.Message}").ConfigureAwait(false);
            return ExitCodes.MissingTool;
        }
        catch (Exception ex) when (ex is CliException or TemplateException or HandlerResolutionException or EnvVarsFileException)
        {
            await stderr.WriteLineAsync($"Error: {ex.Message}").ConfigureAwait(false);
            return ExitCodes.UsageError;
        }
        catch (Exception ex)
        {
            // The emulator, provisioning or the server failed: one line, the type for a bug report, no stack trace.
            await stderr.WriteLineAsync($"Error: the local stack did not start: {ex.Message} ({ex.GetType().Name})").ConfigureAwait(false);
            return ExitCodes.StartupFailed;
        }
        finally
        {
            await run.DisposeAsync().ConfigureAwait(false);
        }
    }

    /// <summary>What `up` works from, checked before anything starts.</summary>
    private sealed record UpInputs(SamTemplate Template, IReadOnlyList<TenantPolicy> Tenants, string PoolMfa, string MotoExecutable);

    /// <summary>Step 1: everything that can be checked without starting anything (options, template, tenants, port, moto).</summary>
    private static UpInputs CheckInputs(Arguments args)
    {
        var poolMfa = args.PoolMfa.ToUpperInvariant() switch
        {
            "OPTIONAL" => MfaConfigurations.Optional,
            "ON" => MfaConfigurations.On,
            _ => throw new CliException($"--pool-mfa must be optional or on, not '{args.PoolMfa}'."),
        };
        var baseOptions = new TemplateLoadOptions { Overrides = new Dictionary<string, string>(), Region = TemplateLoadOptions.DefaultRegion() };
        var template = SamTemplate.Load(args.TemplatePath, baseOptions);
        template = template.WithOptions(baseOptions with { Overrides = LocalParameters(template, poolMfa) });
        var tenants = TenantsFile.Load(args.TenantsPath ?? TenantsFile.SamplePath(template.Directory));
        if (!LoopbackPort.IsFree(args.Port))
            throw new CliException($"Port {args.Port} on 127.0.0.1 is in use; pass --port with a free one.");
        var executable = MotoServerProcess.FindExecutable() ?? throw new MissingToolException(MotoServerProcess.InstallHint);
        return new UpInputs(template, tenants, poolMfa, executable);
    }

    /// <summary>Step 2: what the functions run as, built before anything starts: `up` runs what ships when this machine can build it.</summary>
    private static async Task<FunctionInvokers> BuildBootstrapAsync(Arguments args, SamTemplate template, ProgressLog progress, TextWriter stdout, CancellationToken stop)
    {
        var invokers = new FunctionInvokers(args.Runtime, args.BootstrapPath, stdout);
        if (!template.Functions.Values.Any(invokers.UsesRuntimeApi)) return invokers;
        await progress.WriteLineAsync("building bootstrap (what the functions run; --runtime in-process skips it):").ConfigureAwait(false);
        var clock = Stopwatch.StartNew();
        var artifact = await invokers.ArtifactAsync(template.Directory, stop).ConfigureAwait(false);
        await progress.WriteLineAsync($"bootstrap ready: {artifact.Kind} build in {clock.Elapsed.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture)} s").ConfigureAwait(false);
        return invokers;
    }

    /// <summary>Step 3: moto on a free loopback port.</summary>
    private static Task<MotoServerProcess> StartEmulatorAsync(string executable, ProgressLog progress, CancellationToken stop) =>
        progress.StepAsync("starting emulator",
            () => MotoServerProcess.StartAsync(executable, LoopbackPort.Free(), TimeSpan.FromSeconds(30), stop),
            m => $"ready (moto_server pid {m.ProcessId} on {m.Endpoint.ToString().TrimEnd('/')})");

    /// <summary>Step 4: tables, user pool, one client and policy per tenant, demo users and administrators (one progress line each).</summary>
    private static async Task<ProvisionedStack> ProvisionAsync(UpInputs inputs, MotoServerProcess moto, ProgressLog progress, CancellationToken stop)
    {
        var region = inputs.Template.Options.Region;
        // Provisioning only, against the emulator: a generous attempt timeout, because moto makes a signing key per
        // pool (CPU-bound, slow on a busy laptop) and CreateUserPool and CreateTable are not retried safely.
        var cognitoOptions = new CognitoClientOptions { Endpoint = moto.Endpoint, Region = region, AttemptTimeout = ProvisioningTimeout };
        var cognito = new CognitoIdentityProviderClient(CognitoIdentityProviderClient.CreateHttpClient(cognitoOptions), cognitoOptions,
            new SigV4RequestSigner(new BasicAWSCredentials(FunctionEnvironment.LocalAccessKey, FunctionEnvironment.LocalSecretKey), region));
        using var dynamo = DynamoDbClientFactory.Create(
            new DynamoDbClientSettings { Endpoint = moto.Endpoint, Region = region, AttemptTimeout = ProvisioningTimeout },
            new BasicAWSCredentials(FunctionEnvironment.LocalAccessKey, FunctionEnvironment.LocalSecretKey));
        var provisioner = new LocalStackProvisioner(
            new TableProvisioner(dynamo),
            new UserPoolProvisioner(cognito),
            new TenantSeeder(new DynamoDbTenantPolicyStore(dynamo, TenantsTable(inputs.Template))),
            new DemoUserProvisioner(cognito),
            progress);
        return await provisioner.ProvisionAsync(inputs.Template, inputs.Tenants, inputs.PoolMfa, stop).ConfigureAwait(false);
    }

    /// <summary>
    /// Step 5: the HTTP API over the template resolved again, now that the pool and clients exist (the functions'
    /// environment and the authorizer's issuer and audience are what was just created, as CloudFormation would
    /// resolve them). Registers the API with <paramref name="run"/> and returns the stack file to write.
    /// </summary>
    private static async Task<StackFile> StartApiAsync(
        Arguments args, UpInputs inputs, ProvisionedStack stack, FunctionInvokers invokers, UpRun run,
        ProgressLog progress, TextWriter stdout, TextWriter stderr, CancellationToken stop)
    {
        var template = inputs.Template;
        var region = template.Options.Region;
        var endpoint = run.Moto!.Endpoint.ToString().TrimEnd('/');
        var served = template.WithOptions(template.Options with { Overrides = StackParameters(template, inputs.PoolMfa, stack) });
        var functionEnvironment = new Dictionary<string, string>(EmulatorEnvironment(endpoint, region), StringComparer.Ordinal)
        {
            [EnrollmentSettings.UserPoolIdVariable] = stack.UserPoolId,
            // What the template resolves from Secrets Manager at deploy time: a fresh pepper per local stack.
            [EnrollmentSettings.RecoveryCodePepperVariable] = Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32)),
            [EnrollmentSettings.PolicyCacheVariable] = PolicyCacheSeconds,
            // Dummy keys for the emulator win over any the developer has configured; empty removes the variable.
            ["AWS_SESSION_TOKEN"] = "",
            ["AWS_PROFILE"] = "",
        };
        var jwksUri = new Uri($"{endpoint}/{stack.UserPoolId}/.well-known/jwks.json");
        var authorizers = LocalApi.AuthorizerSettings(served, a => JwtAuthorizerSettings.FromTemplate(a, jwksUri));
        WarnAboutAudience(stderr, authorizers.Values, stack);

        var api = run.Api = await progress.StepAsync("starting API",
            () => LocalApi.StartAsync(served, EnvVarsFile.FromParameters(functionEnvironment, "up"), authorizers, args.Port, stdout, invokers, stop),
            a => $"serving on {a.Url.ToString().TrimEnd('/')}, functions run as {a.Functions.Values.FirstOrDefault()?.Describe() ?? "none"}").ConfigureAwait(false);
        return StackFileBuilder.Build(api.Url, endpoint, region, stack, served, authorizers.Values.FirstOrDefault(), run.Moto.ProcessId,
            functionEnvironment[EnrollmentSettings.RecoveryCodePepperVariable]);
    }

    /// <summary>Step 6: serve until Ctrl-C or SIGTERM.</summary>
    private static async Task WaitForStopAsync(ShutdownSignals signals, TextWriter stdout, CancellationToken stop)
    {
        try
        {
            await Task.Delay(Timeout.Infinite, stop).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Ctrl-C or SIGTERM: stopped by the caller's finally.
        }
        await stdout.WriteLineAsync($"{signals.Received ?? "stop"} received: stopping.").ConfigureAwait(false);
    }

    private static readonly TimeSpan ProvisioningTimeout = TimeSpan.FromSeconds(30);

    /// <summary>Template parameters for a local stack: the environment name and the pool's MFA setting.</summary>
    private static Dictionary<string, string> LocalParameters(SamTemplate template, string poolMfa)
    {
        var overrides = new Dictionary<string, string>(StringComparer.Ordinal);
        if (template.Parameters.ContainsKey("EnvironmentName")) overrides["EnvironmentName"] = "local";
        if (template.Parameters.ContainsKey("PoolMfaConfiguration")) overrides["PoolMfaConfiguration"] = poolMfa;
        return overrides;
    }

    /// <summary>
    /// What CloudFormation would know after creating the stack: <c>!Ref UserPool</c> is the pool id, <c>!Ref
    /// UserPoolClient</c> the first tenant's client, and the other tenants' clients go to AdditionalAudiences (the
    /// template's way of listing more app clients for the authorizer).
    /// </summary>
    private static Dictionary<string, string> StackParameters(SamTemplate template, string poolMfa, ProvisionedStack stack)
    {
        var overrides = LocalParameters(template, poolMfa);
        overrides[stack.UserPoolLogicalId] = stack.UserPoolId;
        var clients = stack.Tenants.Select(t => t.ClientId).ToList();
        if (stack.UserPoolClientLogicalId is { } clientId)
        {
            overrides[clientId] = clients[0];
            clients.RemoveAt(0);
        }
        if (template.Parameters.ContainsKey("AdditionalAudiences")) overrides["AdditionalAudiences"] = string.Join(',', clients);
        return overrides;
    }

    /// <summary>What a function needs to reach the local emulator (also what `invoke --stack-file` applies).</summary>
    internal static Dictionary<string, string> EmulatorEnvironment(string endpoint, string region) =>
        EmulatorEnvironment(endpoint, endpoint, region);

    internal static Dictionary<string, string> EmulatorEnvironment(string cognitoEndpoint, string dynamoEndpoint, string region) => new(StringComparer.Ordinal)
    {
        ["AWS_REGION"] = region,
        ["AWS_DEFAULT_REGION"] = region,
        ["AWS_ACCESS_KEY_ID"] = FunctionEnvironment.LocalAccessKey,
        ["AWS_SECRET_ACCESS_KEY"] = FunctionEnvironment.LocalSecretKey,
        ["AWS_ENDPOINT_URL_DYNAMODB"] = dynamoEndpoint,
        ["AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER"] = cognitoEndpoint,
    };

    /// <summary>The table the functions read tenants from: the one their TENANTS_TABLE_NAME names.</summary>
    private static string TenantsTable(SamTemplate template) =>
        template.Functions.Values.Select(f => f.Environment.GetValueOrDefault(EnrollmentSettings.TenantsTableVariable)).FirstOrDefault(n => n is not null)
        ?? throw new CliException($"No function in {template.Path} sets {EnrollmentSettings.TenantsTableVariable}; `up` cannot tell where tenants go.");

    /// <summary>A tenant whose client the authorizer does not accept would get 401 here as when deployed; say so up front.</summary>
    private static void WarnAboutAudience(TextWriter stderr, IEnumerable<JwtAuthorizerSettings> authorizers, ProvisionedStack stack)
    {
        foreach (var authorizer in authorizers)
        {
            var missing = stack.Tenants.Where(t => !authorizer.Audience.Contains(t.ClientId)).Select(t => t.TenantId).ToList();
            if (missing.Count > 0)
                stderr.WriteLine($"Note: the template's authorizer {authorizer.Name} does not list the app clients of {string.Join(", ", missing)}; their tokens get 401, as they would when deployed.");
        }
    }
}
