using Amazon;
using Amazon.DynamoDBv2;
using Amazon.Runtime;

namespace Enrollment.Infrastructure.DynamoDb;

/// <summary>
/// Builds the one DynamoDB client a process shares (it pools its HTTP connections). Every attempt is bounded by
/// <see cref="DynamoDbClientSettings.AttemptTimeout"/> (UPSTREAM_TIMEOUT_MS in the functions); throttling, 5xx and
/// broken connections are retried, a timed-out attempt is not (<see cref="HangBoundedRetryPolicy"/>).
/// </summary>
public static class DynamoDbClientFactory
{
    /// <summary>Signing region when an endpoint is given without one (emulators accept any).</summary>
    public const string DefaultRegion = "us-east-1";

    /// <param name="credentials">Null for the default chain (the Lambda role); tests pass dummy keys.</param>
    public static AmazonDynamoDBClient Create(DynamoDbClientSettings settings, AWSCredentials? credentials = null)
    {
        var config = new AmazonDynamoDBConfig
        {
            Timeout = settings.AttemptTimeout,
            ConnectTimeout = settings.AttemptTimeout,
            MaxErrorRetry = settings.MaxErrorRetry,
            RetryMode = RequestRetryMode.Standard,
        };
        if (settings.Endpoint is { } endpoint)
        {
            // ServiceURL and RegionEndpoint exclude each other: the region then only signs.
            config.ServiceURL = endpoint.ToString();
            config.AuthenticationRegion = settings.Region ?? DefaultRegion;
        }
        else
        {
            if (settings.Region is { } region) config.RegionEndpoint = RegionEndpoint.GetBySystemName(region);
            // The SDK's DynamoDB rule set turns these into the host, as botocore's does.
            config.UseFIPSEndpoint = settings.UseFips;
            config.UseDualstackEndpoint = settings.UseDualStack;
        }
        return credentials is null ? new HangBoundedDynamoDbClient(config) : new HangBoundedDynamoDbClient(credentials, config);
    }
}
