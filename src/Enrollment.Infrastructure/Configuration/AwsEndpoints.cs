namespace Enrollment.Infrastructure.Configuration;

/// <summary>
/// Resolves AWS service endpoints and the region from the standard environment variables, the same way the
/// AWS SDKs and CLI do, so one set of variables points every client (ours and the SDK's) at moto or at AWS.
/// The environment is read through a delegate so tests never mutate process-wide state.
/// <para>
/// The one endpoint rule of this code base: a configured endpoint (<c>AWS_ENDPOINT_URL_&lt;SERVICE_ID&gt;</c>, else
/// <c>AWS_ENDPOINT_URL</c>) wins; otherwise the region's partition, <c>AWS_USE_FIPS_ENDPOINT</c> and
/// <c>AWS_USE_DUALSTACK_ENDPOINT</c> give the host, as botocore's endpoint rule sets do
/// (<c>botocore/data/cognito-idp/2016-04-18/endpoint-rule-set-1.json.gz</c> for Cognito). The DynamoDB client hands
/// the same settings to the SDK (<c>DynamoDbClientSettings</c>), whose own rule set applies them.
/// </para>
/// </summary>
public sealed class AwsEndpoints
{
    public const string DefaultRegion = "us-east-1";
    public const string UseFipsVariable = "AWS_USE_FIPS_ENDPOINT";
    public const string UseDualStackVariable = "AWS_USE_DUALSTACK_ENDPOINT";
    public const string IgnoreConfiguredEndpointsVariable = "AWS_IGNORE_CONFIGURED_ENDPOINT_URLS";
    public const string GlobalEndpointVariable = "AWS_ENDPOINT_URL";

    private readonly Func<string, string?> _environment;

    public AwsEndpoints(Func<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        _environment = environment;
        Region = Read("AWS_REGION") ?? Read("AWS_DEFAULT_REGION") ?? DefaultRegion;
    }

    /// <summary>AWS_REGION, else AWS_DEFAULT_REGION, else us-east-1.</summary>
    public string Region { get; }

    /// <summary>AWS_USE_FIPS_ENDPOINT is <c>true</c> (case-insensitive; anything else is false, as botocore's ensure_boolean).</summary>
    public bool UseFips => IsTrue(UseFipsVariable);

    /// <summary>AWS_USE_DUALSTACK_ENDPOINT is <c>true</c>.</summary>
    public bool UseDualStack => IsTrue(UseDualStackVariable);

    /// <summary>The cognito-idp endpoint (service id "Cognito Identity Provider"), by Cognito's own rule set.</summary>
    public Uri CognitoIdentityProvider =>
        ConfiguredEndpoint("Cognito Identity Provider") ?? CognitoRegionalEndpoint(Region, UseFips, UseDualStack);

    /// <summary>
    /// The endpoint a service id's variables configure (<c>AWS_ENDPOINT_URL_&lt;SERVICE_ID&gt;</c>, service id upper-cased,
    /// spaces to underscores, else <c>AWS_ENDPOINT_URL</c>), or null; <c>AWS_IGNORE_CONFIGURED_ENDPOINT_URLS=true</c>
    /// skips the variables, as in the SDKs. With FIPS or dual-stack also asked for, the rule sets' configuration error.
    /// </summary>
    public Uri? ConfiguredEndpoint(string serviceId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(serviceId);
        if (IsTrue(IgnoreConfiguredEndpointsVariable)) return null;
        var serviceVariable = "AWS_ENDPOINT_URL_" + serviceId.Trim().ToUpperInvariant().Replace(' ', '_');
        foreach (var variable in new[] { serviceVariable, GlobalEndpointVariable })
        {
            var configured = Read(variable);
            if (configured is not null) return RejectVariants(Parse(variable, configured));
        }
        return null;
    }

    /// <summary>
    /// A service's endpoint by the standard AWS rule (the shape most services' rule sets share): the configured
    /// endpoint, else <c>https://{prefix}[-fips].{region}.{dnsSuffix or dualStackDnsSuffix}/</c> of the region's partition.
    /// </summary>
    public Uri Resolve(string serviceId, string endpointPrefix)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(endpointPrefix);
        if (ConfiguredEndpoint(serviceId) is { } configured) return configured;
        var partition = RequireVariants(AwsPartitions.For(Region), UseFips, UseDualStack);
        var suffix = UseDualStack ? partition.DualStackDnsSuffix : partition.DnsSuffix;
        return new Uri($"https://{endpointPrefix}{(UseFips ? "-fips" : "")}.{Region}.{suffix}/");
    }

    /// <summary>
    /// Cognito's rule set, rule by rule: FIPS and dual-stack together use the regular suffix in us-east-1/2 and
    /// us-west-1/2 and the dual-stack one elsewhere; dual-stack alone keeps amazonaws.com in the <c>aws</c> partition.
    /// </summary>
    public static Uri CognitoRegionalEndpoint(string region, bool useFips, bool useDualStack)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(region);
        var partition = RequireVariants(AwsPartitions.For(region), useFips, useDualStack);
        var host = (useFips, useDualStack) switch
        {
            (true, true) when region is "us-east-1" or "us-east-2" or "us-west-1" or "us-west-2" => $"cognito-idp-fips.{region}.amazonaws.com",
            (true, true) => $"cognito-idp-fips.{region}.{partition.DualStackDnsSuffix}",
            (true, false) => $"cognito-idp-fips.{region}.{partition.DnsSuffix}",
            (false, true) when partition.Name == "aws" => $"cognito-idp.{region}.amazonaws.com",
            (false, true) => $"cognito-idp.{region}.{partition.DualStackDnsSuffix}",
            _ => $"cognito-idp.{region}.{partition.DnsSuffix}",
        };
        return new Uri($"https://{host}/");
    }

    /// <summary>The rule sets' errors for a variant the partition does not offer (worded as botocore words them).</summary>
    private static AwsPartition RequireVariants(AwsPartition partition, bool useFips, bool useDualStack) => (useFips, useDualStack) switch
    {
        (true, true) when !partition.SupportsFips || !partition.SupportsDualStack =>
            throw new InvalidOperationException("FIPS and DualStack are enabled, but this partition does not support one or both"),
        (true, false) when !partition.SupportsFips => throw new InvalidOperationException("FIPS is enabled but this partition does not support FIPS"),
        (false, true) when !partition.SupportsDualStack => throw new InvalidOperationException("DualStack is enabled but this partition does not support DualStack"),
        _ => partition,
    };

    /// <summary>A custom endpoint with FIPS or dual-stack asked for is a configuration error in the rule sets, not a silent choice.</summary>
    private Uri RejectVariants(Uri configured)
    {
        if (UseFips) throw new InvalidOperationException($"Invalid Configuration: FIPS and custom endpoint are not supported ({UseFipsVariable} with a configured endpoint URL).");
        if (UseDualStack) throw new InvalidOperationException($"Invalid Configuration: Dualstack and custom endpoint are not supported ({UseDualStackVariable} with a configured endpoint URL).");
        return configured;
    }

    private bool IsTrue(string name) => string.Equals(Read(name), "true", StringComparison.OrdinalIgnoreCase);

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
