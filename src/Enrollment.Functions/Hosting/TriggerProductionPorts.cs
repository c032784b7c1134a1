using Amazon;
using Amazon.DynamoDBv2;
using Amazon.Runtime;
using Enrollment.Infrastructure.DynamoDb;

namespace Enrollment.Functions.Hosting;

/// <summary>
/// The triggers' production ports: one DynamoDB client (the triggers call nothing else), this branch's grace and
/// recovery sign-in stores, and the adapters the infrastructure branch provides, through <see cref="InfrastructureAdapters"/>.
/// </summary>
public static class TriggerProductionPorts
{
    /// <summary>
    /// Builds tenant policies, enrollment records, recovery codes, rate limits and audit on the shared client: the
    /// same DynamoDB adapters as the HTTP functions, so a code consumed here is consumed for the recovery route too.
    /// </summary>
    public static readonly Func<IAmazonDynamoDB, TriggerTables, InfrastructureAdapters>? InfrastructureAdapters = (db, tables) => new(
        new CachedTenantPolicyStore(new DynamoDbTenantPolicyStore(db, tables.Tenants), TimeProvider.System, CachedTenantPolicyStore.LifetimeFromEnvironment()),
        new DynamoDbEnrollmentRecordStore(db, tables.UserState),
        new DynamoDbRecoveryCodeStore(db, tables.UserState, TimeProvider.System),
        new DynamoDbRateLimiter(db, tables.UserState),
        new DynamoDbAuditLog(db, tables.Audit));

    public const string NotWired =
        "The trigger functions' DynamoDB adapters are not wired: set TriggerProductionPorts.InfrastructureAdapters " +
        "(tenant policies, enrollment records, recovery codes, rate limits, audit) once the infrastructure is merged.";

    /// <summary>Upper bound of one DynamoDB attempt: Define may make four calls in a row inside Cognito's 5 s.</summary>
    public static readonly TimeSpan MaxAttemptTimeout = TimeSpan.FromSeconds(1);

    public static TriggerPorts Create(Func<string, string?> env) => Create(env, InfrastructureAdapters);

    public static TriggerPorts Create(Func<string, string?> env, Func<IAmazonDynamoDB, TriggerTables, InfrastructureAdapters>? adapters)
    {
        if (adapters is null) throw new InvalidOperationException(NotWired);
        var tables = TriggerTables.FromEnvironment(env);
        var client = CreateClient(env);
        var shared = adapters(client, tables);
        return new TriggerPorts
        {
            Policies = shared.Policies,
            Enrollments = shared.Enrollments,
            RecoveryCodes = shared.RecoveryCodes,
            Limiter = shared.Limiter,
            Audit = shared.Audit,
            Grace = new DynamoDbGracePeriodStore(client, tables.UserState),
            Recoveries = new DynamoDbRecoverySignInStore(client, tables.UserState),
        };
    }

    /// <summary>
    /// The region and an endpoint override (AWS_ENDPOINT_URL_DYNAMODB, else AWS_ENDPOINT_URL: the local stack) from
    /// the environment; credentials from the SDK's chain (the function's role).
    /// </summary>
    private static AmazonDynamoDBClient CreateClient(Func<string, string?> env)
    {
        var timeout = int.TryParse(env("UPSTREAM_TIMEOUT_MS"), out var ms) && ms > 0
            ? TimeSpan.FromMilliseconds(Math.Min(ms, MaxAttemptTimeout.TotalMilliseconds))
            : MaxAttemptTimeout;
        var config = new AmazonDynamoDBConfig
        {
            Timeout = timeout,
            ConnectTimeout = timeout,
            MaxErrorRetry = 1,
            RetryMode = RequestRetryMode.Standard,
        };
        var region = env("AWS_REGION") is { Length: > 0 } name ? name : null;
        if ((env("AWS_ENDPOINT_URL_DYNAMODB") ?? env("AWS_ENDPOINT_URL")) is { Length: > 0 } endpoint)
        {
            config.ServiceURL = endpoint;
            config.AuthenticationRegion = region ?? "us-east-1";
        }
        else if (region is not null)
        {
            config.RegionEndpoint = RegionEndpoint.GetBySystemName(region);
        }
        return new AmazonDynamoDBClient(config);
    }
}
