namespace Enrollment.Infrastructure.DynamoDb;

/// <summary>
/// How to reach DynamoDB. The defaults bound a call so that "DynamoDB is down" fails a request in a few
/// seconds (the SDK's own defaults wait about 100 s per attempt), well inside the Lambda timeout.
/// </summary>
public sealed record DynamoDbClientSettings
{
    public const string ServiceEndpointVariable = "AWS_ENDPOINT_URL_DYNAMODB";
    public const string GlobalEndpointVariable = "AWS_ENDPOINT_URL";

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
    /// in one place and a test can pass its own.
    /// </summary>
    /// <param name="environment">The variables; null reads the process environment (tests pass their own).</param>
    public static DynamoDbClientSettings FromEnvironment(Func<string, string?>? environment = null)
    {
        var read = environment ?? Environment.GetEnvironmentVariable;
        var endpoint = read(ServiceEndpointVariable) is { Length: > 0 } specific ? specific : read(GlobalEndpointVariable);
        var region = read("AWS_REGION") is { Length: > 0 } r ? r : read("AWS_DEFAULT_REGION");
        return new DynamoDbClientSettings
        {
            Endpoint = string.IsNullOrEmpty(endpoint) ? null : new Uri(endpoint, UriKind.Absolute),
            Region = string.IsNullOrEmpty(region) ? null : region,
        };
    }
}
