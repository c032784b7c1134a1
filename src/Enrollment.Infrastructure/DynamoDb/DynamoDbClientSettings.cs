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

    /// <summary>
    /// The standard variables, read explicitly (the SDK v4 honors them too) so the chosen endpoint is visible
    /// in one place and a test can pass its own. Same precedence as the SDKs: the service's variable, then
    /// the global one, neither when AWS_IGNORE_CONFIGURED_ENDPOINT_URLS is true.
    /// </summary>
    /// <param name="environment">The variables; null reads the process environment (tests pass their own).</param>
    public static DynamoDbClientSettings FromEnvironment(Func<string, string?>? environment = null)
    {
        var read = environment ?? Environment.GetEnvironmentVariable;
        string? Value(string name) => read(name) is { } value && !string.IsNullOrWhiteSpace(value) ? value.Trim() : null;

        var ignoreEndpoints = string.Equals(Value(IgnoreEndpointsVariable), "true", StringComparison.OrdinalIgnoreCase);
        var endpoint = ignoreEndpoints ? null : Value(ServiceEndpointVariable) ?? Value(GlobalEndpointVariable);
        return new DynamoDbClientSettings
        {
            Endpoint = endpoint is null ? null : new Uri(endpoint, UriKind.Absolute),
            Region = Value("AWS_REGION") ?? Value("AWS_DEFAULT_REGION"),
        };
    }
}
