using Enrollment.Core.Errors;
using Enrollment.Core.Policy;
using Enrollment.Infrastructure.DynamoDb;
using Enrollment.Local.Cli;

namespace Enrollment.Local.Stack;

/// <summary>
/// Stores each tenant's policy through the production policy store (the same items, keys and client mappings the
/// functions read), with the app client `up` created for it added to <c>appClientIds</c>. Client ids the file
/// already lists are kept, so events written against them still resolve.
/// </summary>
public sealed class TenantSeeder(DynamoDbTenantPolicyStore store)
{
    public async Task<SeededTenant> SeedAsync(TenantPolicy policy, string createdClientId, CancellationToken cancellationToken)
    {
        var withClient = policy with { AppClientIds = [.. policy.AppClientIds.Where(id => id != createdClientId), createdClientId] };
        try
        {
            await store.PutAsync(withClient, expectedVersion: null, cancellationToken).ConfigureAwait(false);
        }
        catch (EnrollmentException ex)
        {
            throw new CliException($"Tenant '{policy.TenantId}' could not be stored: {ex.Message}{(ex.Reason is null ? "" : $" ({ex.Reason})")}");
        }
        return new SeededTenant(policy.TenantId, createdClientId, withClient);
    }
}
