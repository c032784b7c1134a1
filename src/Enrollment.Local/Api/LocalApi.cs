using Enrollment.Local.Hosting;
using Enrollment.Local.Template;

namespace Enrollment.Local.Api;

/// <summary>
/// The template's HTTP APIs served on loopback: one <see cref="IFunctionInvoker"/> per function with routes (created
/// once; the functions are thread-safe, so concurrent requests share it), one emulated authorizer per JWT
/// authorizer, the gateway and Kestrel. Shared by <c>start-api</c> and <c>up</c>.
/// </summary>
public sealed class LocalApi : IAsyncDisposable
{
    private readonly LocalApiServer _server;
    private readonly HttpClient _jwksHttp;

    private readonly IReadOnlyDictionary<string, IFunctionInvoker> _functions;

    private LocalApi(LocalApiServer server, HttpClient jwksHttp, IReadOnlyList<HttpApiRoute> routes, IReadOnlyDictionary<string, IFunctionInvoker> functions)
    {
        _server = server;
        _jwksHttp = jwksHttp;
        Routes = routes;
        _functions = functions;
    }

    /// <summary>What runs each function ("in-process", "bootstrap (native) through the Runtime API").</summary>
    public IReadOnlyDictionary<string, IFunctionInvoker> Functions => _functions;

    public Uri Url => _server.Url;

    public IReadOnlyList<HttpApiRoute> Routes { get; }

    /// <param name="authorizerSettings">Keyed by <see cref="HttpApiGateway.AuthorizerKey"/>, one for each authorizer a route uses.</param>
    public static async Task<LocalApi> StartAsync(
        SamTemplate template,
        EnvVarsFile envVars,
        IReadOnlyDictionary<string, JwtAuthorizerSettings> authorizerSettings,
        int port,
        TextWriter accessLog,
        FunctionInvokers invokers,
        CancellationToken cancellationToken)
    {
        var apis = template.HttpApis.Values.ToList();
        var routes = apis.SelectMany(a => a.Routes).ToList();
        // The Lambda runtime gives each function its own process; here they share one, so Console stays untouched
        // (the functions' JSON log lines go to stdout) and START/END/REPORT are left out of the access log.
        var hostOptions = new FunctionHostOptions { EnvVars = envVars, Log = TextWriter.Null, RedirectConsoleToLog = false };
        var functions = new Dictionary<string, IFunctionInvoker>(StringComparer.Ordinal);
        foreach (var id in routes.Select(r => r.FunctionLogicalId).Distinct(StringComparer.Ordinal))
            functions[id] = await invokers.StartAsync(template, id, hostOptions, cancellationToken).ConfigureAwait(false);

        var jwksHttp = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var authorizers = new Dictionary<string, JwtAuthorizerEmulator>(StringComparer.Ordinal);
        foreach (var route in routes.Where(r => r.AuthorizerName is not null))
        {
            var key = HttpApiGateway.AuthorizerKey(route.ApiLogicalId, route.AuthorizerName!);
            if (authorizers.ContainsKey(key)) continue;
            var settings = authorizerSettings.TryGetValue(key, out var found) ? found
                : throw new InvalidOperationException($"No settings for authorizer {key}.");
            var keys = settings.JwksUri is { } uri ? new HttpJwksSource(jwksHttp, uri, TimeProvider.System) : null;
            authorizers[key] = new JwtAuthorizerEmulator(settings, keys, TimeProvider.System);
        }

        var identity = new GatewayIdentity(template.Options.AccountId, "local");
        var gateway = new HttpApiGateway(apis, functions, authorizers, identity, accessLog, TimeProvider.System);
        try
        {
            var server = await LocalApiServer.StartAsync(port, gateway.HandleAsync, cancellationToken).ConfigureAwait(false);
            return new LocalApi(server, jwksHttp, routes, functions);
        }
        catch
        {
            jwksHttp.Dispose();
            foreach (var function in functions.Values) await function.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Settings for every JWT authorizer of the template, keyed as the gateway looks them up.</summary>
    public static Dictionary<string, JwtAuthorizerSettings> AuthorizerSettings(SamTemplate template, Func<JwtAuthorizer, JwtAuthorizerSettings> settings) =>
        template.HttpApis.Values
            .SelectMany(api => api.Authorizers.Values.Select(a => (Key: HttpApiGateway.AuthorizerKey(api.LogicalId, a.Name), Settings: settings(a))))
            .ToDictionary(x => x.Key, x => x.Settings, StringComparer.Ordinal);

    public async ValueTask DisposeAsync()
    {
        await _server.DisposeAsync().ConfigureAwait(false);
        _jwksHttp.Dispose();
        foreach (var function in _functions.Values) await function.DisposeAsync().ConfigureAwait(false); // stops the bootstrap processes
    }
}
