using Amazon.DynamoDBv2;
using Enrollment.Infrastructure.Cognito;
using Enrollment.Infrastructure.DynamoDb;

namespace Enrollment.Functions.Hosting;

/// <summary>
/// The triggers' production ports: one DynamoDB client, this branch's grace and recovery sign-in stores, the adapters
/// the infrastructure branch provides (through <see cref="InfrastructureAdapters"/>), and one IAM-signed Cognito client
/// for AdminGetUser and AdminUserGlobalSignOut, with a short attempt so a trigger answers inside Cognito's 5 s.
/// </summary>
public static class TriggerProductionPorts
{
    /// <summary>
    /// Builds tenant policies, enrollment records, recovery codes, rate limits and audit on the shared client: the
    /// same DynamoDB adapters as the HTTP functions, so a code consumed here is consumed for the recovery route too.
    /// </summary>
    public static readonly Func<IAmazonDynamoDB, TableNames, InfrastructureAdapters>? InfrastructureAdapters = (db, tables) => new(
        new CachedTenantPolicyStore(new DynamoDbTenantPolicyStore(db, tables.Tenants), TimeProvider.System, CachedTenantPolicyStore.LifetimeFromEnvironment()),
        new DynamoDbEnrollmentRecordStore(db, tables.UserState),
        // The same pepper as the recovery route (RECOVERY_CODE_PEPPER on VerifyAuthChallengeFunction), read at the first check.
        new DynamoDbRecoveryCodeStore(db, tables.UserState, TimeProvider.System, RecoveryCodePepper.Hasher()),
        new DynamoDbRateLimiter(db, tables.UserState),
        new MeteredAuditLog(new DynamoDbAuditLog(db, tables.Audit), FunctionLog.Console));

    public const string NotWired =
        "The trigger functions' DynamoDB adapters are not wired: set TriggerProductionPorts.InfrastructureAdapters " +
        "(tenant policies, enrollment records, recovery codes, rate limits, audit) once the infrastructure is merged.";

    /// <summary>Upper bound of one DynamoDB attempt: Define may make four calls in a row inside Cognito's 5 s.</summary>
    public static readonly TimeSpan MaxAttemptTimeout = TimeSpan.FromSeconds(1);

    public static TriggerPorts Create(Func<string, string?> env) => Create(env, InfrastructureAdapters);

    public static TriggerPorts Create(Func<string, string?> env, Func<IAmazonDynamoDB, TableNames, InfrastructureAdapters>? adapters)
    {
        if (adapters is null) throw new InvalidOperationException(NotWired);
        var tables = TableNames.FromEnvironment(env);
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
            UserPool = new CognitoSignInUserPool(CreateCognitoClient(env)),
        };
    }

    /// <summary>
    /// Endpoint, region and credentials as every function resolves them (AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER or
    /// AWS_ENDPOINT_URL for the local stack), with the triggers' short attempt and one retry: AdminGetUser is read-only
    /// and signing out twice is signing out once, so a retry is safe, and the worst case stays near 2 s.
    /// </summary>
    private static CognitoIdentityProviderClient CreateCognitoClient(Func<string, string?> env)
    {
        var options = CognitoClientOptions.FromEnvironment(env) with { AttemptTimeout = AttemptTimeout(env), MaxRetries = 1 };
        return new CognitoIdentityProviderClient(CognitoIdentityProviderClient.CreateHttpClient(options), options, SigV4RequestSigner.FromEnvironment(options.Region, env));
    }

    /// <summary>min(UPSTREAM_TIMEOUT_MS, <see cref="MaxAttemptTimeout"/>): Define may make four calls in a row inside 5 s.</summary>
    public static TimeSpan AttemptTimeout(Func<string, string?> env) =>
        int.TryParse(env("UPSTREAM_TIMEOUT_MS"), out var ms) && ms > 0
            ? TimeSpan.FromMilliseconds(Math.Min(ms, MaxAttemptTimeout.TotalMilliseconds))
            : MaxAttemptTimeout;

    /// <summary>
    /// The one DynamoDB client, resolved as the HTTP functions resolve it (region, AWS_ENDPOINT_URL_DYNAMODB or
    /// AWS_ENDPOINT_URL for the local stack), with a shorter attempt and one retry: Cognito waits 5 s for a trigger.
    /// </summary>
    private static AmazonDynamoDBClient CreateClient(Func<string, string?> env)
    {
        return DynamoDbClientFactory.Create(DynamoDbClientSettings.FromEnvironment(env) with { AttemptTimeout = AttemptTimeout(env), MaxErrorRetry = 1 });
    }
}
