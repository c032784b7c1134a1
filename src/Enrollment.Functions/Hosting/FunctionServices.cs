using System.Globalization;
using Amazon.DynamoDBv2;
using Enrollment.Core.Audit;
using Enrollment.Core.Enrollment;
using Enrollment.Functions.Http;
using Enrollment.Infrastructure.Cognito;
using Enrollment.Infrastructure.DynamoDb;

namespace Enrollment.Functions.Hosting;

/// <summary>
/// The composition root: one process-wide set of services, built on the first invoke (cold start pays
/// once) from the environment the template sets. No container and no reflection: plain constructors.
/// Tests build the functions with their own services through the functions' second constructor.
/// </summary>
public sealed class FunctionServices
{
    public const string UpstreamTimeoutVariable = "UPSTREAM_TIMEOUT_MS";

    /// <summary>Inside the template's 10 s function timeout, with room to write the audit event.</summary>
    public static readonly TimeSpan RequestBudget = TimeSpan.FromSeconds(8);

    private static readonly Lazy<FunctionServices> SharedInstance = new(FromEnvironment);

    public static FunctionServices Shared => SharedInstance.Value;

    public required TotpEnrollmentService Enrollment { get; init; }
    public required HttpFunctionRunner Runner { get; init; }

    public static FunctionServices FromEnvironment()
    {
        var upstreamTimeout = UpstreamTimeout();
        var dynamo = DynamoDbClientFactory.Create(DynamoDbClientSettings.FromEnvironment() with { AttemptTimeout = upstreamTimeout });
        var cognito = CognitoIdentityProviderClient.FromEnvironment(attemptTimeout: upstreamTimeout);
        return Create(dynamo, cognito, TableNames.FromEnvironment(), CachedTenantPolicyStore.LifetimeFromEnvironment(), TimeProvider.System, FunctionLog.Console);
    }

    /// <summary>The whole graph from its clients and settings; tests pass clients pointed at moto.</summary>
    public static FunctionServices Create(IAmazonDynamoDB dynamo, CognitoIdentityProviderClient cognito, TableNames tables,
        TimeSpan policyCacheLifetime, TimeProvider time, FunctionLog log)
    {
        var policies = new CachedTenantPolicyStore(new DynamoDbTenantPolicyStore(dynamo, tables.Tenants), time, policyCacheLifetime);
        var audit = new AuditTrail(new DynamoDbAuditLog(dynamo, tables.Audit), time);
        var enrollment = new TotpEnrollmentService(new TenantResolver(policies), new CognitoUserPoolTotp(cognito),
            new DynamoDbRateLimiter(dynamo, tables.UserState), audit, time);
        return new FunctionServices
        {
            Enrollment = enrollment,
            Runner = new HttpFunctionRunner(log, RequestBudget),
        };
    }

    private static TimeSpan UpstreamTimeout()
    {
        var text = Environment.GetEnvironmentVariable(UpstreamTimeoutVariable);
        if (string.IsNullOrWhiteSpace(text)) return TimeSpan.FromMilliseconds(2500);
        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var ms) && ms is >= 100 and <= 8000
            ? TimeSpan.FromMilliseconds(ms)
            : throw new InvalidOperationException($"{UpstreamTimeoutVariable} must be whole milliseconds between 100 and 8000.");
    }
}
