using Amazon.DynamoDBv2.Model;
using Enrollment.Core.Identity;
using Enrollment.Core.Policy;
using Enrollment.Functions.Tests.Integration;
using Enrollment.Infrastructure.Cognito.Model;
using Enrollment.Local.Cognito;
using Enrollment.Infrastructure.DynamoDb;
using Enrollment.Testing;

namespace Enrollment.Functions.Tests.Lifecycle;

/// <summary>
/// The lifecycle routes' backend: a <see cref="MotoBackend"/> (the three tables, production wiring) with a user
/// pool (MFA optional, TOTP on) and two tenants. "demo" is the events' sample tenant (its networks and minimum
/// app version) with the pool's client added; "strict" requires MFA, forbids disabling, allows replacing and
/// issues no recovery codes. Tests create their own users, so they do not meet.
/// </summary>
public sealed class LifecycleStack : IAsyncLifetime
{
    public const string DemoTenant = "demo";
    public const string StrictTenant = "strict";
    public const string StrictClientId = "strict-client-id";
    public const string AppVersion = "2.3.1";

    private int _lastSourceOctet = 20;

    public MotoBackend Backend { get; } = new();
    public CognitoTestPool Pool { get; private set; } = null!;

    public static string EventsFolder => Path.Combine(AppContext.BaseDirectory, "events");

    public async ValueTask InitializeAsync()
    {
        await Backend.InitializeAsync();
        Pool = await CognitoTestPool.CreateAsync(Backend.Cognito, MfaConfigurations.Optional);
        Pool.DefaultTenantId = DemoTenant;

        var sample = TenantPolicyDocument.ParseMany(await File.ReadAllTextAsync(Path.Combine(EventsFolder, "tenants.sample.json"))).Single();
        var strict = new TenantPolicy
        {
            TenantId = StrictTenant,
            AppClientIds = [StrictClientId],
            Enrollment = new EnrollmentRules { AllowReplace = true },
            Mfa = new MfaRules { Required = true, AllowDisable = false },
            Recovery = new RecoveryRules { CodeCount = 0 },
        };
        var policies = new DynamoDbTenantPolicyStore(Backend.Dynamo, Backend.Tables.Tenants);
        await policies.PutAsync(sample with { AppClientIds = [.. sample.AppClientIds, Pool.ClientId] }, expectedVersion: null, CancellationToken.None);
        await policies.PutAsync(strict, expectedVersion: null, CancellationToken.None);
    }

    public ValueTask DisposeAsync() => Backend.DisposeAsync();

    /// <summary>
    /// A source address inside the demo tenant's network that no other test uses, so that per-source recovery
    /// limits of one test do not spend another's.
    /// </summary>
    public string NextSourceIp() => $"203.0.113.{Interlocked.Increment(ref _lastSourceOctet)}";

    /// <summary>The audit events of one user of a tenant, oldest first.</summary>
    public Task<List<Dictionary<string, AttributeValue>>> AuditOfAsync(string username, string tenantId = DemoTenant) =>
        Backend.AuditItemsAsync(tenantId, username);

    /// <summary>Every string and number of every audit item, one per line: what a leak check reads.</summary>
    public async Task<string> EverythingInTheAuditAsync() =>
        string.Join("\n", (await Backend.AllAuditItemsAsync()).Select(SecretScan.Render));
}

[CollectionDefinition(Name)]
public sealed class LifecycleCollection : ICollectionFixture<LifecycleStack>
{
    public const string Name = "Lifecycle routes on moto";
}
