using Enrollment.Core.Recovery;
using Enrollment.Functions.Hosting;
using Enrollment.Infrastructure.Configuration;
using Enrollment.Infrastructure.DynamoDb;
using Enrollment.Testing;

namespace Enrollment.Functions.Tests;

/// <summary>The production root's inputs for tests: settings read by the one reader, and fake ports.</summary>
public static class TestRoots
{
    /// <summary>Settings as <see cref="EnrollmentSettings.FromEnvironment"/> reads them from a function's variables.</summary>
    public static EnrollmentSettings Settings(TableNames? tables = null, string? userPoolId = null, string? cursorSigningKey = null,
        string? recoveryCodePepper = null, TimeSpan? policyCacheLifetime = null)
    {
        var variables = new Dictionary<string, string?>
        {
            [EnrollmentSettings.AuditTableVariable] = tables?.Audit ?? "audit",
            [EnrollmentSettings.TenantsTableVariable] = tables?.Tenants ?? "tenants",
            [EnrollmentSettings.UserStateTableVariable] = tables?.UserState ?? "user-state",
            [EnrollmentSettings.PolicyCacheVariable] = ((int)(policyCacheLifetime ?? TimeSpan.FromSeconds(30)).TotalSeconds).ToString(System.Globalization.CultureInfo.InvariantCulture),
            [EnrollmentSettings.UserPoolIdVariable] = userPoolId,
            [EnrollmentSettings.CursorSigningKeyVariable] = cursorSigningKey,
            [EnrollmentSettings.RecoveryCodePepperVariable] = recoveryCodePepper,
            ["AWS_REGION"] = MotoServer.Region,
            ["AWS_ACCESS_KEY_ID"] = "test",
            ["AWS_SECRET_ACCESS_KEY"] = "test",
        };
        return EnrollmentSettings.FromEnvironment(variables.GetValueOrDefault);
    }

    /// <summary>The sign-in world's ports; the ports no trigger uses are fakes that record their calls.</summary>
    public static Ports Ports(SignInWorld world) => new()
    {
        Policies = world.Policies,
        PolicyAdmin = new MemoryTenantPolicyAdminStore(),
        Audit = world.Audit,
        AuditReader = new UnusedAuditReader(),
        Enrollments = world.Enrollments,
        RecoveryCodes = new VerifierOnly(world.RecoveryCodes),
        Grace = world.Grace,
        Recoveries = world.Recoveries,
        Limiter = world.Limiter,
        UserPool = new FakeUserPool(world.Calls),
        UserTenants = new FakeTenantLookup(),
        MfaSetup = new FakeMfaSetupCompletion(world.Calls),
        SignInUserPool = world.UserPool,
        UserPoolAdmin = () => new FakeUserPoolAdmin(world.Calls),
    };

    /// <summary>The triggers only consume codes; issuing them is the HTTP routes' (the world issues with Issue()).</summary>
    private sealed class VerifierOnly(IRecoveryCodeVerifier verifier) : IRecoveryCodeStore
    {
        public RecoveryCodeHasher Hasher { get; } = new(FakeRecoveryCodeStore.TestPepper);

        public Task<bool> TryConsumeAsync(string tenantId, string userSub, string code, CancellationToken cancellationToken) =>
            verifier.TryConsumeAsync(tenantId, userSub, code, cancellationToken);

        public Task ReplaceAsync(string tenantId, string userSub, RecoveryCodeSet set, CancellationToken cancellationToken) => throw NotATriggerCall();
        public Task<int> CountRemainingAsync(string tenantId, string userSub, CancellationToken cancellationToken) => throw NotATriggerCall();
        public Task DeleteAllAsync(string tenantId, string userSub, CancellationToken cancellationToken) => throw NotATriggerCall();

        private static InvalidOperationException NotATriggerCall() => new("A sign-in trigger only consumes recovery codes.");
    }

    private sealed class UnusedAuditReader : Core.Audit.IAuditReader
    {
        public Task<Core.Audit.AuditPage> ReadAsync(Core.Audit.AuditCursor cursor, int limit, CancellationToken cancellationToken) =>
            throw new InvalidOperationException("A sign-in trigger never reads the audit trail.");
    }
}
