namespace Enrollment.Infrastructure.DynamoDb;

/// <summary>
/// How to reach DynamoDB. The defaults bound a call so that "DynamoDB is down" fails a request in a few
/// seconds (the SDK's own defaults wait about 100 s per attempt), well inside the Lambda timeout. The functions' values come
/// from <see cref="Configuration.EnrollmentSettings"/>.
/// </summary>
public sealed record DynamoDbClientSettings
{
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
}
