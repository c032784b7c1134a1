using Amazon.DynamoDBv2;
using Enrollment.Core.Admin;
using Enrollment.Core.Audit;
using Enrollment.Core.Binding;
using Enrollment.Core.Limits;
using Enrollment.Core.Policy;
using Enrollment.Core.Recovery;
using Enrollment.Core.SignIn;
using Enrollment.Core.Totp;
using Enrollment.Core.UserPool;
using Enrollment.Infrastructure.Cognito;
using Enrollment.Infrastructure.Configuration;
using Enrollment.Infrastructure.DynamoDb;

namespace Enrollment.Functions.Hosting;

/// <summary>
/// Everything the functions read or write outside the process, as Core's ports. <see cref="Production"/> builds the
/// adapters once, over one DynamoDB client and one Cognito client; tests pass fakes or the same adapters on moto.
/// </summary>
public sealed record Ports
{
    /// <summary>Policy reads of the user routes and triggers (cached in production: <see cref="EnrollmentSettings.PolicyCacheLifetime"/>).</summary>
    public required ITenantPolicyStore Policies { get; init; }

    /// <summary>The admin routes' policy store: uncached, because authorization and versions must see the latest write.</summary>
    public required ITenantPolicyAdminStore PolicyAdmin { get; init; }

    public required IAuditLog Audit { get; init; }
    public required IAuditReader AuditReader { get; init; }
    public required IEnrollmentRecordStore Enrollments { get; init; }
    public required IRecoveryCodeStore RecoveryCodes { get; init; }
    public required IGracePeriodStore Grace { get; init; }
    public required IRecoverySignInStore Recoveries { get; init; }
    public required IRateLimiter Limiter { get; init; }

    /// <summary>Cognito with the caller's own token: associate, verify, the MFA preference.</summary>
    public required IUserPoolTotp UserPool { get; init; }

    /// <summary>GetUser with the caller's token: the user's <c>custom:tenant_id</c> when the token has no tenant_id claim.</summary>
    public required IUserTenantLookup UserTenants { get; init; }

    /// <summary>RespondToAuthChallenge for the session route's MFA_SETUP.</summary>
    public required IMfaSetupCompletion MfaSetup { get; init; }

    /// <summary>AdminGetUser and AdminUserGlobalSignOut on the trigger event's pool.</summary>
    public required ISignInUserPool SignInUserPool { get; init; }

    /// <summary>
    /// The Admin* calls on the function's own pool, built by the first service that needs it: only the recovery, admin
    /// reset and grace functions have USER_POOL_ID, so a missing one fails their cold start, and nobody else's.
    /// </summary>
    public required Func<IUserPoolAdmin> UserPoolAdmin { get; init; }

    /// <summary>The production adapters on clients built from <paramref name="settings"/>: one DynamoDB and one Cognito client.</summary>
    public static Ports Production(EnrollmentSettings settings, TimeProvider time, FunctionLog log) =>
        Production(settings, settings.CreateDynamoDbClient(), settings.CreateCognitoClient(), time, log);

    /// <summary>The production adapters on the given clients (tests point them at moto).</summary>
    public static Ports Production(EnrollmentSettings settings, IAmazonDynamoDB dynamo, CognitoIdentityProviderClient cognito, TimeProvider time, FunctionLog log)
    {
        var tables = settings.Tables;
        var policies = new DynamoDbTenantPolicyStore(dynamo, tables.Tenants);
        return new Ports
        {
            Policies = new CachedTenantPolicyStore(policies, time, settings.PolicyCacheLifetime),
            PolicyAdmin = policies,
            Audit = new MeteredAuditLog(new DynamoDbAuditLog(dynamo, tables.Audit), log, time),
            AuditReader = new DynamoDbAuditReader(dynamo, tables.Audit),
            Enrollments = new DynamoDbEnrollmentRecordStore(dynamo, tables.UserState),
            // One pepper for issuing (the user routes) and checking (recovery route, Verify trigger), read at the first hash.
            RecoveryCodes = new DynamoDbRecoveryCodeStore(dynamo, tables.UserState, time, settings.RecoveryCodeHasher()),
            Grace = new DynamoDbGracePeriodStore(dynamo, tables.UserState),
            Recoveries = new DynamoDbRecoverySignInStore(dynamo, tables.UserState),
            Limiter = new DynamoDbRateLimiter(dynamo, tables.UserState),
            UserPool = new CognitoUserPoolTotp(cognito),
            UserTenants = new CognitoUserTenantLookup(cognito),
            MfaSetup = new CognitoMfaSetupCompletion(cognito, settings.RequireUserPoolId),
            SignInUserPool = new CognitoSignInUserPool(cognito),
            UserPoolAdmin = () => new CognitoUserPoolAdmin(cognito, settings.RequireUserPoolId()),
        };
    }
}
