using System.Globalization;
using Amazon.DynamoDBv2;
using Enrollment.Core.Audit;
using Enrollment.Core.Binding;
using Enrollment.Core.Recovery;
using Enrollment.Core.Removal;
using Enrollment.Core.SelfService;
using Enrollment.Core.Totp;
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

    /// <summary>The session routes; its pool id (USER_POOL_ID, the trusted token issuer) is read on first use.</summary>
    public required ChallengeEnrollmentService ChallengeEnrollment { get; init; }
    public required TotpLifecycleService Lifecycle { get; init; }
    public required HttpFunctionRunner Runner { get; init; }
    public required AdminServices Admin { get; init; }

    /// <summary>
    /// Built on first use, because only the recovery function has USER_POOL_ID (and Admin* rights): a process
    /// that hosts every function (the local runner) builds the shared services before that function's variables
    /// are set. A missing pool id fails that function's cold start, and is not remembered as a failure.
    /// </summary>
    public TotpRecoveryService Recovery => _recovery.Value;

    private Lazy<TotpRecoveryService> _recovery = null!;

    public static FunctionServices FromEnvironment()
    {
        var upstreamTimeout = UpstreamTimeout();
        var dynamo = DynamoDbClientFactory.Create(DynamoDbClientSettings.FromEnvironment() with { AttemptTimeout = upstreamTimeout });
        var cognito = CognitoIdentityProviderClient.FromEnvironment(attemptTimeout: upstreamTimeout);
        return Create(dynamo, cognito, TableNames.FromEnvironment(), CachedTenantPolicyStore.LifetimeFromEnvironment(), TimeProvider.System, FunctionLog.Console);
    }

    /// <summary>The whole graph from its clients and settings; tests pass clients pointed at moto.</summary>
    /// <param name="userPoolId">For the Admin* calls of recovery and the admin reset; null reads USER_POOL_ID when one is first used.</param>
    /// <param name="cursorSigningKey">The admin audit cursors' secret; null reads CURSOR_SIGNING_KEY when the audit service is first used.</param>
    /// <param name="recoveryCodePepper">The recovery codes' pepper; null reads RECOVERY_CODE_PEPPER when a code is first hashed.</param>
    public static FunctionServices Create(IAmazonDynamoDB dynamo, CognitoIdentityProviderClient cognito, TableNames tables,
        TimeSpan policyCacheLifetime, TimeProvider time, FunctionLog log, string? userPoolId = null, string? cursorSigningKey = null,
        string? recoveryCodePepper = null)
    {
        var policyStore = new DynamoDbTenantPolicyStore(dynamo, tables.Tenants);
        // One binding reader (and its short cache by sub) for the user routes and the admin routes of this process.
        var bindings = new TenantBindingReader(new CognitoUserTenantLookup(cognito), time);
        var tenants = new TenantResolver(new CachedTenantPolicyStore(policyStore, time, policyCacheLifetime), bindings);
        var audit = new AuditTrail(new MeteredAuditLog(new DynamoDbAuditLog(dynamo, tables.Audit), log, time), time);
        var userPool = new CognitoUserPoolTotp(cognito);
        var limiter = new DynamoDbRateLimiter(dynamo, tables.UserState);
        var records = new DynamoDbEnrollmentRecordStore(dynamo, tables.UserState);
        var recoveryCodes = new DynamoDbRecoveryCodeStore(dynamo, tables.UserState, time, RecoveryCodePepper.Hasher(recoveryCodePepper));
        return new FunctionServices
        {
            Enrollment = new TotpEnrollmentService(tenants, userPool, limiter, audit, time, records, recoveryCodes),
            ChallengeEnrollment = new ChallengeEnrollmentService(tenants, userPool,
                new CognitoMfaSetupCompletion(cognito, () => RequiredUserPoolId(userPoolId)), limiter, audit, time, records),
            Lifecycle = new TotpLifecycleService(tenants, userPool, records, recoveryCodes, limiter, audit, time),
            Runner = new HttpFunctionRunner(log, RequestBudget),
            _recovery = new Lazy<TotpRecoveryService>(() =>
            {
                var admin = UserPoolAdmin(cognito, userPoolId);
                return new TotpRecoveryService(tenants, new RecoveryAttempts(limiter, time), recoveryCodes, admin,
                    new LostFactorRemoval(admin, records, recoveryCodes), new DestructiveAction(audit), audit);
            }, LazyThreadSafetyMode.PublicationOnly),
            // The admin services are built on first use too: each reads only its own function's settings.
            Admin = AdminServices.Create(policyStore, new DynamoDbAuditReader(dynamo, tables.Audit), audit, time, policyCacheLifetime, bindings,
                () => CursorSigningKey.Signer(cursorSigningKey),
                () => new AdminServices.UserPorts(UserPoolAdmin(cognito, userPoolId), records, recoveryCodes, new DynamoDbGracePeriodStore(dynamo, tables.UserState))),
        };
    }

    /// <summary>Only the recovery, admin reset and grace functions have USER_POOL_ID (and Admin* rights); elsewhere this is never called.</summary>
    private static CognitoUserPoolAdmin UserPoolAdmin(CognitoIdentityProviderClient cognito, string? userPoolId) =>
        new(cognito, RequiredUserPoolId(userPoolId));

    /// <summary>Only the functions that need the pool id have USER_POOL_ID (recovery, admin reset, grace, challenge verify).</summary>
    private static string RequiredUserPoolId(string? userPoolId) =>
        userPoolId ?? CognitoUserPoolAdmin.UserPoolIdFromEnvironment()
            ?? throw new InvalidOperationException($"{CognitoUserPoolAdmin.UserPoolIdVariable} must name the user pool for the recovery, admin reset, grace and challenge verify functions.");

    private static TimeSpan UpstreamTimeout()
    {
        var text = Environment.GetEnvironmentVariable(UpstreamTimeoutVariable);
        if (string.IsNullOrWhiteSpace(text)) return TimeSpan.FromMilliseconds(2500);
        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var ms) && ms is >= 100 and <= 8000
            ? TimeSpan.FromMilliseconds(ms)
            : throw new InvalidOperationException($"{UpstreamTimeoutVariable} must be whole milliseconds between 100 and 8000.");
    }
}
