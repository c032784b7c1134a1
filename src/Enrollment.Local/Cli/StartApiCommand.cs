using Enrollment.Local.Api;
using Enrollment.Local.Emulator;
using Enrollment.Local.Hosting;
using Enrollment.Local.Template;

namespace Enrollment.Local.Cli;

/// <summary>
/// <c>start-api</c>, as <c>sam local start-api</c>: the template's HTTP API on loopback against endpoints that already
/// exist (a running `up`, moto, or AWS; point the functions at them with --env-vars). Unlike sam local, the JWT
/// authorizer is emulated: the issuer and audience come from the template (with --parameter-overrides) or
/// --issuer/--jwks; --no-verify-token passes the bearer token's claims through unchecked, and says so.
/// </summary>
public static class StartApiCommand
{
    public sealed record Arguments(
        int Port,
        string TemplatePath,
        string? EnvVarsPath,
        IReadOnlyList<string> ParameterOverrides,
        string? Region,
        string? Issuer,
        string? JwksUrl,
        bool NoVerifyToken,
        RuntimeMode Runtime = RuntimeMode.Auto,
        string? BootstrapPath = null);

    public static async Task<int> RunAsync(Arguments args, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken)
    {
        using var signals = ShutdownSignals.Listen(cancellationToken);
        LocalApi? api = null;
        try
        {
            var template = SamTemplate.Load(args.TemplatePath, new TemplateLoadOptions
            {
                Overrides = TemplateLoadOptions.ParseOverrides(args.ParameterOverrides),
                Region = args.Region ?? TemplateLoadOptions.DefaultRegion(),
            });
            var envVars = args.EnvVarsPath is null ? EnvVarsFile.Empty : EnvVarsFile.Load(args.EnvVarsPath);
            var jwks = args.JwksUrl is null ? null
                : Uri.TryCreate(args.JwksUrl, UriKind.Absolute, out var parsed) ? parsed
                : throw new CliException($"--jwks '{args.JwksUrl}' is not an absolute URL.");
            var authorizers = LocalApi.AuthorizerSettings(template, a =>
            {
                var issuer = args.Issuer ?? a.Issuer;
                return new JwtAuthorizerSettings(a.Name, a.IdentitySource, issuer, a.Audience, jwks ?? JwtAuthorizerSettings.DefaultJwksUri(issuer), !args.NoVerifyToken);
            });
            if (!LoopbackPort.IsFree(args.Port))
                throw new CliException($"Port {args.Port} on 127.0.0.1 is in use; pass --port with a free one.");

            var invokers = new FunctionInvokers(args.Runtime, args.BootstrapPath, stdout);
            api = await LocalApi.StartAsync(template, envVars, authorizers, args.Port, stdout, invokers, signals.Token).ConfigureAwait(false);
            await stdout.WriteLineAsync($"Serving {template.Path} on {api.Url.ToString().TrimEnd('/')} (Ctrl-C stops):").ConfigureAwait(false);
            foreach (var route in api.Routes)
                await stdout.WriteLineAsync($"  {route.RouteKey} -> {route.FunctionLogicalId}{(route.AuthorizerName is null ? "" : $" (JWT: {route.AuthorizerName})")}").ConfigureAwait(false);
            if (api.Functions.Values.FirstOrDefault() is { } first) await stdout.WriteLineAsync($"  functions run as: {first.Describe()}").ConfigureAwait(false);
            foreach (var authorizer in authorizers.Values)
                await DescribeAsync(stdout, template, authorizer).ConfigureAwait(false);

            try
            {
                await Task.Delay(Timeout.Infinite, signals.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // Ctrl-C or SIGTERM.
            }
            await stdout.WriteLineAsync($"{signals.Received ?? "stop"} received: stopping.").ConfigureAwait(false);
            return ExitCodes.Success;
        }
        catch (OperationCanceledException) when (signals.Token.IsCancellationRequested)
        {
            return ExitCodes.Interrupted;
        }
        catch (Exception ex) when (ex is CliException or TemplateException or HandlerResolutionException or EnvVarsFileException)
        {
            await stderr.WriteLineAsync($"Error: {ex.Message}").ConfigureAwait(false);
            return ExitCodes.UsageError;
        }
        finally
        {
            if (api is not null) await api.DisposeAsync().ConfigureAwait(false);
        }
    }

    private static async Task DescribeAsync(TextWriter stdout, SamTemplate template, JwtAuthorizerSettings authorizer)
    {
        if (!authorizer.VerifyToken)
        {
            await stdout.WriteLineAsync($"  authorizer {authorizer.Name}: OFF (--no-verify-token): bearer tokens are decoded, not verified; their claims reach the functions as they are.").ConfigureAwait(false);
            return;
        }
        await stdout.WriteLineAsync($"  authorizer {authorizer.Name}: issuer {authorizer.Issuer}, audience [{string.Join(", ", authorizer.Audience)}], keys {authorizer.JwksUri}").ConfigureAwait(false);
        // An unresolved !Ref leaves the logical id in the issuer; no real token can match it.
        var placeholder = template.UserPools.Values.FirstOrDefault(p => p.PoolId == p.LogicalId && authorizer.Issuer.EndsWith("/" + p.LogicalId, StringComparison.Ordinal));
        if (placeholder is not null)
            await stdout.WriteLineAsync($"  note: the issuer names no real pool; pass --parameter-overrides {placeholder.LogicalId}=<pool id> (and the app client ids), --issuer and --jwks, or --no-verify-token.").ConfigureAwait(false);
    }
}
