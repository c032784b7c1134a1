using Enrollment.Infrastructure.Configuration;

namespace Enrollment.Infrastructure.DynamoDb;

/// <summary>
/// How to reach DynamoDB. The defaults bound a call so that "DynamoDB is down" fails a request in a few
/// seconds (the SDK's own defaults wait about 100 s per attempt), well inside the Lambda timeout.
/// </summary>
public sealed record DynamoDbClientSettings
{
    public const string ServiceEndpointVariable = "AWS_ENDPOINT_URL_DYNAMODB";
    public const string GlobalEndpointVariable = "AWS_ENDPOINT_URL";
    public const string IgnoreEndpointsVariable = "AWS_IGNORE_CONFIGURED_ENDPOINT_URLS";

    /// <summary>An emulator or VPC endpoint; null means the regional AWS endpoint.</summary>
    public Uri? Endpoint { get; init; }

    /// <summary>The region; null lets the SDK resolve it (AWS_REGION, which Lambda always sets).</summary>
    public string? Region { get; init; }

    /// <summary>Per HTTP attempt, connection included. DynamoDB answers in milliseconds when healthy.</summary>
    public TimeSpan AttemptTimeout { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>Retries after the first attempt (standard retry mode: throttling and transient errors).</summary>
    public int MaxErrorRetry { get; init; } = 2;

    /// <summary>FIPS endpoint (AWS_USE_FIPS_ENDPOINT), applied by the SDK's DynamoDB rule set when no endpoint is configured.</summary>
    public bool UseFips { get; init; }

    /// <summary>Dual-stack endpoint (AWS_USE_DUALSTACK_ENDPOINT), likewise.</summary>
    public bool UseDualStack { get; init; }

    /// <summary>
    /// The standard variables, read through <see cref="AwsEndpoints"/>, the one endpoint rule every client here uses
    /// (so the chosen endpoint is visible in one place and a test can pass its own): the service's variable, then
    /// the global one, neither when AWS_IGNORE_CONFIGURED_ENDPOINT_URLS is true; FIPS or dual-stack with a configured
    /// endpoint is refused, as the rule sets refuse it.
    /// </summary>
    /// <param name="environment">The variables; null reads the process environment (tests pass their own).</param>
    public static DynamoDbClientSettings FromEnvironment(Func<string, string?>? environment = null)
    {
        var read = environment ?? Environment.GetEnvironmentVariable;
        string? Value(string name) => read(name) is { } value && !string.IsNullOrWhiteSpace(value) ? value.Trim() : null;

        var endpoints = new AwsEndpoints(read);
        return new DynamoDbClientSettings
        {
            Endpoint = endpoints.ConfiguredEndpoint(ServiceId),
            // Null lets the SDK resolve it (Lambda always sets AWS_REGION).
            Region = Value("AWS_REGION") ?? Value("AWS_DEFAULT_REGION"),
            UseFips = endpoints.UseFips,
            UseDualStack = endpoints.UseDualStack,
        };
    }

    /// <summary>DynamoDB's service id, which names its endpoint variable (AWS_ENDPOINT_URL_DYNAMODB).</summary>
    public const string ServiceId = "DynamoDB";
}
