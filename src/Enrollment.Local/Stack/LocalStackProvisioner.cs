using Enrollment.Core.Policy;
using Enrollment.Local.Cognito;
using Enrollment.Local.Cli;
using Enrollment.Local.Template;

namespace Enrollment.Local.Stack;

/// <summary>
/// Creates in the emulator what template.yaml declares, read from the template itself: every table, the user pool
/// (MFA as asked, TOTP on, the template's password policy), one app client per tenant shaped like the template's
/// client, the tenants' policies, one demo user per tenant, and per tenant its admin group (the policy's
/// <c>AdminGroupName</c>) with one demo administrator in it. Each step prints a progress line.
/// </summary>
public sealed class LocalStackProvisioner(
    TableProvisioner tables,
    UserPoolProvisioner pools,
    TenantSeeder seeder,
    DemoUserProvisioner demoUsers,
    ProgressLog progress)
{
    public async Task<ProvisionedStack> ProvisionAsync(SamTemplate template, IReadOnlyList<TenantPolicy> tenants, string poolMfa, CancellationToken cancellationToken)
    {
        var pool = SinglePool(template);
        var clientTemplate = template.UserPoolClients.Values.FirstOrDefault(c => c.UserPoolLogicalId == pool.LogicalId);
        var passwords = PasswordRules.FromTemplate(pool);

        var tableNames = await progress.StepAsync("creating tables", async () =>
        {
            foreach (var table in template.Tables.Values) await tables.CreateAsync(table, cancellationToken).ConfigureAwait(false);
            return template.Tables.ToDictionary(t => t.Key, t => t.Value.TableName, StringComparer.Ordinal);
        }, names => $"{string.Join(", ", names.Values)}").ConfigureAwait(false);

        var poolName = pool.PoolName ?? template.Options.StackName;
        var poolId = await progress.StepAsync("creating user pool",
            () => pools.CreatePoolAsync(poolName, poolMfa, passwords, cancellationToken, pool),
            id => $"{id} (MFA {poolMfa}, TOTP on)").ConfigureAwait(false);

        var seeded = await progress.StepAsync($"seeding {Count(tenants.Count, "tenant")}", async () =>
        {
            var result = new List<SeededTenant>(tenants.Count);
            foreach (var tenant in tenants)
            {
                var clientId = await pools.CreateClientAsync(poolId, $"{poolName}-{tenant.TenantId}", clientTemplate, cancellationToken).ConfigureAwait(false);
                result.Add(await seeder.SeedAsync(tenant, clientId, cancellationToken).ConfigureAwait(false));
            }
            return result;
        }, list => string.Join(", ", list.Select(t => $"{t.TenantId} (client {t.ClientId})"))).ConfigureAwait(false);

        var temporary = poolMfa == MfaConfigurations.On;
        var users = await progress.StepAsync($"creating {Count(tenants.Count, "demo user")}", async () =>
        {
            var result = new List<DemoUser>(seeded.Count);
            foreach (var tenant in seeded)
                result.Add(await demoUsers.CreateAsync(poolId, tenant.TenantId, passwords, temporary, cancellationToken).ConfigureAwait(false));
            return result;
        }, list => string.Join(", ", list.Select(u => u.Username)) + (temporary ? " (temporary passwords: MFA ON)" : "")).ConfigureAwait(false);

        // One group per tenant (the policy store has claimed each name for its tenant), one administrator in it.
        var admins = await progress.StepAsync($"creating {Count(tenants.Count, "admin group")}", async () =>
        {
            var result = new List<DemoUser>(seeded.Count);
            foreach (var tenant in seeded)
                result.Add(await demoUsers.CreateAdminAsync(poolId, tenant.TenantId, tenant.Policy.AdminGroupName, passwords, temporary, cancellationToken).ConfigureAwait(false));
            return result;
        }, list => string.Join(", ", list.Select(u => $"{u.GroupName} ({u.Username})")) + (temporary ? " (temporary passwords: MFA ON)" : "")).ConfigureAwait(false);

        // Users first: the first entry of the stack file's demoUsers stays a tenant's plain user.
        return new ProvisionedStack(tableNames, pool.LogicalId, poolId, clientTemplate?.LogicalId, poolMfa, seeded, [.. users, .. admins]);
    }

    private static UserPoolDefinition SinglePool(SamTemplate template) => template.UserPools.Count switch
    {
        1 => template.UserPools.Values.Single(),
        0 => throw new CliException($"{template.Path} declares no AWS::Cognito::UserPool; `up` needs one."),
        _ => throw new CliException($"{template.Path} declares {template.UserPools.Count} user pools; `up` supports one."),
    };

    private static string Count(int n, string noun) => n == 1 ? $"1 {noun}" : $"{n} {noun}s";
}
