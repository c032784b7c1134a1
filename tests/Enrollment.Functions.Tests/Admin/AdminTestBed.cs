using Amazon.DynamoDBv2;
using Enrollment.Core.Admin;
using Enrollment.Core.Audit;
using Enrollment.Core.Binding;
using Enrollment.Core.Identity;
using Enrollment.Core.Policy;
using Enrollment.Core.Recovery;
using Enrollment.Functions.Hosting;
using Enrollment.Functions.Http;
using Enrollment.Functions.Tests.Integration;
using Enrollment.Infrastructure.DynamoDb;
using Enrollment.Testing;

namespace Enrollment.Functions.Tests.Admin;

/// <summary>
/// The four admin functions over DynamoDB on moto (policies, audit, enrollment records and recovery codes as in
/// production), with the user pool's Admin* call faked so tests choose its answer. Each test makes its own tenants, so
/// tests sharing the tables do not see each other. The reset against moto's Cognito is in AdminResetStoryTests.
/// </summary>
public sealed class AdminTestBed
{
    public const string CursorSecret = "cursor secret for the admin tests, 32+ bytes";
    public const string Token = "eyJraWQiOiJrIiwiYWxnIjoiUlMyNTYifQ.eyJzdWIiOiJhZG1pbiJ9.c2lnbmF0dXJlLW9mLWEtdGVzdC10b2tlbg";

    public AdminTestBed(MotoBackend backend, bool serializeDynamo = false, TimeProvider? time = null)
    {
        Dynamo = serializeDynamo ? backend.SerializedDynamo : backend.Dynamo;
        Time = time ?? TimeProvider.System;
        PolicyStore = new DynamoDbTenantPolicyStore(Dynamo, backend.Tables.Tenants);
        AuditLog = new DynamoDbAuditLog(Dynamo, backend.Tables.Audit);
        Records = new DynamoDbEnrollmentRecordStore(Dynamo, backend.Tables.UserState);
        RecoveryCodes = new DynamoDbRecoveryCodeStore(Dynamo, backend.Tables.UserState, Time, new RecoveryCodeHasher(FakeRecoveryCodeStore.TestPepper));
        Grace = new DynamoDbGracePeriodStore(Dynamo, backend.Tables.UserState);
        // The production ports on moto, but the user pool's Admin* calls and GetUser faked, and the audit log unmetered.
        var settings = TestRoots.Settings(backend.Tables, cursorSigningKey: CursorSecret, policyCacheLifetime: TimeSpan.FromSeconds(60));
        var log = new FunctionLog(Log);
        var ports = Ports.Production(settings, Dynamo, MotoBackend.CognitoClientFor(backend.Endpoint), Time, log) with
        {
            PolicyAdmin = PolicyStore,
            Audit = AuditLog,
            Enrollments = Records,
            RecoveryCodes = RecoveryCodes,
            Grace = Grace,
            UserTenants = Bindings,
            UserPoolAdmin = () => UserPool,
        };
        Root = new ServiceRoot(ports, settings, Time, log);
        GetPolicy = new AdminGetPolicyFunction(Root);
        PutPolicy = new AdminPutPolicyFunction(Root);
        Audit = new AdminAuditQueryFunction(Root);
        Reset = new AdminResetTotpFunction(Root);
        GrantGrace = new AdminGrantGraceFunction(Root);
    }

    public IAmazonDynamoDB Dynamo { get; }
    public TimeProvider Time { get; }
    public DynamoDbTenantPolicyStore PolicyStore { get; }
    public DynamoDbAuditLog AuditLog { get; }
    public ServiceRoot Root { get; }
    public FakeUserPoolAdmin UserPool { get; } = new(new CallLog());

    /// <summary>GetUser by token, for callers whose token has no tenant_id claim (their own binding decides).</summary>
    public FakeTenantLookup Bindings { get; } = new();
    public DynamoDbEnrollmentRecordStore Records { get; }
    public DynamoDbRecoveryCodeStore RecoveryCodes { get; }
    public StringWriter Log { get; } = new();
    public AdminGetPolicyFunction GetPolicy { get; }
    public AdminPutPolicyFunction PutPolicy { get; }
    public AdminAuditQueryFunction Audit { get; }
    public AdminResetTotpFunction Reset { get; }
    public AdminGrantGraceFunction GrantGrace { get; }
    public DynamoDbGracePeriodStore Grace { get; }

    /// <summary>A new tenant with its own app client and admin group, stored at version 1.</summary>
    public async Task<TenantPolicy> CreateTenantAsync(string prefix, Func<TenantPolicy, TenantPolicy>? customize = null)
    {
        var id = $"{prefix}-{Guid.NewGuid():N}"[..20];
        var policy = new TenantPolicy
        {
            TenantId = id,
            DisplayName = $"{prefix} Corp",
            AppClientIds = [id + "-app"],
            Admin = new AdminSettings { GroupName = id + "-admins" },
        };
        policy = customize?.Invoke(policy) ?? policy;
        await PolicyStore.PutAsync(policy, null, TestContext.Current.CancellationToken);
        return policy;
    }

    /// <summary>
    /// The claims API Gateway passes for a user of <paramref name="tenant"/>: its app client, its tenant_id (unless
    /// <paramref name="tenantClaim"/> is false), and cognito:groups as the authorizer renders it ("[g1 g2]").
    /// </summary>
    public static HttpApiRequestBuilder As(HttpApiRequestBuilder request, TenantPolicy tenant, string username, bool admin = true, bool tenantClaim = true)
    {
        request.WithAccessToken(Token, username, tenant.AppClientIds[0], tenantClaim ? tenant.TenantId : null, sub: "sub-" + username);
        return request.WithClaim(ClaimNames.CognitoGroups, admin ? $"[staff {tenant.Admin.GroupName}]" : "[staff]");
    }

    public static HttpApiRequestBuilder PolicyRequest(string routeKey, string tenantId) => HttpApiRequestBuilder.ForRoute(routeKey, ("tenantId", tenantId));

    public static HttpApiRequestBuilder AuditRequest(string tenantId, params (string Name, string Value)[] query)
    {
        var request = HttpApiRequestBuilder.ForRoute(AdminAuditQueryFunction.Route, ("tenantId", tenantId));
        foreach (var (name, value) in query) request.WithQuery(name, value);
        return request;
    }

    public static HttpApiRequestBuilder ResetRequest(string tenantId, string username) =>
        HttpApiRequestBuilder.ForRoute(AdminResetTotpFunction.Route, ("tenantId", tenantId), ("username", username));

    public static Task<FunctionResponse> CallAsync(Func<Stream, Task<Stream>> handler, HttpApiRequestBuilder request) => BackedFunctions.Call(handler, request);
}
