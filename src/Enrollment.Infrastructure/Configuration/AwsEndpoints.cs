namespace Enrollment.Infrastructure.Configuration;

/// <summary>
/// Resolves AWS service endpoints and the region from the standard environment variables, the same way the
/// AWS SDKs and CLI do, so one set of variables points every client (ours and the SDK's) at moto or at AWS.
/// The environment is read through a delegate so tests never mutate process-wide state.
/// </summary>
public sealed class AwsEndpoints
{
    public const string DefaultRegion = "us-east-1";

    private readonly Func<string, string?> _environment;

    public AwsEndpoints(Func<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        _environment = environment;
        Region = Read("AWS_REGION") ?? Read("AWS_DEFAULT_REGION") ?? DefaultRegion;
    }

    /// <summary>Reads the real process environment; for the composition root only.</summary>
    public static AwsEndpoints FromProcessEnvironment() => new(Environment.GetEnvironmentVariable);

    /// <summary>AWS_REGION, else AWS_DEFAULT_REGION, else us-east-1.</summary>
    public string Region { get; }

    /// <summary>The cognito-idp endpoint (service id "Cognito Identity Provider").</summary>
    public Uri CognitoIdentityProvider => Resolve("Cognito Identity Provider", "cognito-idp");

    /// <summary>
    /// <c>AWS_ENDPOINT_URL_&lt;SERVICE_ID&gt;</c> (service id upper-cased, spaces to underscores), else
    /// <c>AWS_ENDPOINT_URL</c>, else the public regional endpoint <c>https://{prefix}.{region}.amazonaws.com/</c>.
    /// <c>AWS_IGNORE_CONFIGURED_ENDPOINT_URLS=true</c> skips the variables, as in the SDKs.
    /// </summary>
    public Uri Resolve(string serviceId, string endpointPrefix)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(serviceId);
        ArgumentException.ThrowIfNullOrWhiteSpace(endpointPrefix);

        if (!string.Equals(Read("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS"), "true", StringComparison.OrdinalIgnoreCase))
        {
            var serviceVariable = "AWS_ENDPOINT_URL_" + serviceId.Trim().ToUpperInvariant().Replace(' ', '_');
            foreach (var variable in new[] { serviceVariable, "AWS_ENDPOINT_URL" })
            {
                var configured = Read(variable);
                if (configured is not null) return Parse(variable, configured);
            }
        }

        // China regions live under a different DNS suffix; every other partition we deploy to uses amazonaws.com.
        var suffix = Region.StartsWith("cn-", StringComparison.Ordinal) ? "amazonaws.com.cn" : "amazonaws.com";
        return new Uri($"https://{endpointPrefix}.{Region}.{suffix}/");
    }

    private string? Read(string name)
    {
        var value = _environment(name);
        return string.IsNullOrWhiteSpace(value) ? null : value.Trim();
    }

    private static Uri Parse(string variable, string value)
    {
        // Naming the variable (never echoing a value that might carry credentials in userinfo) makes a typo easy to find.
        if (!Uri.TryCreate(value, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
            throw new InvalidOperationException($"{variable} is not an absolute http(s) URL.");

        // JSON 1.1 services are called at the endpoint root; keep any path prefix but end it with '/'.
        var builder = new UriBuilder(uri) { Query = string.Empty, Fragment = string.Empty };
        if (!builder.Path.EndsWith('/')) builder.Path += "/";
        return builder.Uri;
    }
}
