using System.Globalization;
using Amazon.DynamoDBv2.Model;
using Amazon.DynamoDBv2;
using Enrollment.Core.Admin;
using Enrollment.Core.Errors;
using Enrollment.Core.Identity;
using Enrollment.Core.Policy;
using static Enrollment.Infrastructure.DynamoDb.Attributes;

namespace Enrollment.Infrastructure.DynamoDb;

/// <summary>
/// Tenant policies and their app client mappings in the tenants table. A policy and its mappings change in
/// one transaction, so a client id never points at a tenant whose policy does not list it (and the reader
/// checks anyway), and no client id is ever claimed by two tenants.
/// </summary>
public sealed class DynamoDbTenantPolicyStore(IAmazonDynamoDB client, string tableName) : ITenantPolicyAdminStore
{
    /// <summary>DynamoDB's limit on the items of one transaction.</summary>
    public const int MaxTransactionItems = 100;



    public async Task<CompiledTenantPolicy?> FindByTenantIdAsync(string tenantId, CancellationToken cancellationToken)
    {
        // Not a tenant id: no item can have it, and DynamoDB would refuse some as keys.
        if (!TenantId.IsValid(tenantId)) return null;
        return await ReadPolicyAsync(tenantId, consistent: false, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Strongly consistent (1 RCU): the admin routes must see a write they just made, and its version.</summary>
    public async Task<CompiledTenantPolicy?> GetCurrentAsync(string tenantId, CancellationToken cancellationToken)
    {
        if (!TenantId.IsValid(tenantId)) return null;
        return await ReadPolicyAsync(tenantId, consistent: true, cancellationToken).ConfigureAwait(false);
    }

    public async Task<CompiledTenantPolicy?> FindByClientIdAsync(string clientId, CancellationToken cancellationToken)
    {
        if (!AppClientId.IsValid(clientId)) return null;
        var mapping = await GetAsync(ClientKey(clientId), consistent: false, cancellationToken).ConfigureAwait(false);
        if (mapping?.GetValueOrDefault(TenantKeys.TenantIdAttribute)?.S is not { } tenantId) return null;
        var policy = await FindByTenantIdAsync(tenantId, cancellationToken).ConfigureAwait(false);
        // Reads are eventually consistent: a mapping may briefly outlive its client's removal from the policy.
        return policy is not null && policy.AllowsClient(clientId) ? policy : null;
    }

    /// <summary>
    /// Creates (<paramref name="expectedVersion"/> null) or replaces (the version last read) a policy and its
    /// client mappings, atomically. Conflict when the policy changed since that version, already exists on
    /// create, or lists a client of another tenant.
    /// </summary>
    /// <returns>The stored policy with its new version.</returns>
    public async Task<CompiledTenantPolicy> PutAsync(TenantPolicy policy, long? expectedVersion, CancellationToken cancellationToken)
    {
        if (PolicyValidator.Validate(policy) is { } error)
            throw EnrollmentException.Invalid($"The policy document is not valid: {error}.", error.Field);

        // The mappings to delete are those of the version being replaced; the version condition below makes
        // the transaction fail if that version is no longer the stored one.
        var current = await ReadPolicyAsync(policy.TenantId, consistent: true, cancellationToken).ConfigureAwait(false);
        if (current?.Version != expectedVersion) throw StoreFailures.PolicyVersionConflict(policy.TenantId);

        var newVersion = (expectedVersion ?? 0) + 1;
        var clients = policy.AppClientIds.Distinct(StringComparer.Ordinal).ToList();
        var removed = current is null
            ? []
            : current.Policy.AppClientIds.Except(clients, StringComparer.Ordinal).ToList();
        var oldGroup = current?.Policy.AdminGroupName is { } previous && previous != policy.AdminGroupName ? previous : null;
        if (2 + clients.Count + removed.Count + (oldGroup is null ? 0 : 1) > MaxTransactionItems)
            throw EnrollmentException.Invalid(
                "Too many app clients change at once; remove the old ones in one update and add the new ones in another.", "appClientIds");

        var items = new List<TransactWriteItem>(3 + clients.Count + removed.Count) { PolicyPut(policy, expectedVersion, newVersion) };
        // Every listed client is (re)written, not only new ones: a missing mapping heals, and the condition
        // proves no other tenant holds it. The admin group likewise, right after the policy.
        items.Add(OwnerPut(GroupKey(policy.AdminGroupName), policy.TenantId));
        items.AddRange(clients.Select(id => OwnerPut(ClientKey(id), policy.TenantId)));
        items.AddRange(removed.Select(id => OwnerDelete(ClientKey(id), policy.TenantId)));
        if (oldGroup is not null) items.Add(OwnerDelete(GroupKey(oldGroup), policy.TenantId));

        try
        {
            await client.TransactWriteItemsAsync(new TransactWriteItemsRequest { TransactItems = items }, cancellationToken).ConfigureAwait(false);
        }
        catch (TransactionCanceledException canceled)
        {
            throw ConflictOf(canceled, policy.TenantId, policy.AdminGroupName, clients, removed);
        }
        catch (Exception ex) when (DynamoDbFailures.IsUnavailable(ex, cancellationToken))
        {
            throw StoreFailures.PolicyUnavailable();
        }
        return new CompiledTenantPolicy(policy, newVersion);
    }

    private TransactWriteItem PolicyPut(TenantPolicy policy, long? expectedVersion, long newVersion)
    {
        var put = new Put
        {
            TableName = tableName,
            Item = new Dictionary<string, AttributeValue>
            {
                [TenantKeys.PartitionKey] = S(TenantKeys.TenantPartition(policy.TenantId)),
                [TenantKeys.SortKey] = S(TenantKeys.PolicySortKey),
                [TenantKeys.DocumentAttribute] = S(TenantPolicyDocument.Serialize(policy)),
                [TenantKeys.VersionAttribute] = N(newVersion),
            },
        };
        if (expectedVersion is { } expected)
        {
            put.ConditionExpression = "#version = :expected";
            put.ExpressionAttributeNames = new() { ["#version"] = TenantKeys.VersionAttribute };
            put.ExpressionAttributeValues = new() { [":expected"] = N(expected) };
        }
        else
        {
            put.ConditionExpression = "attribute_not_exists(pk)";
        }
        return new TransactWriteItem { Put = put };
    }

    /// <summary>Claims a name (an app client, an admin group) for the tenant, unless another tenant holds it.</summary>
    private TransactWriteItem OwnerPut(Dictionary<string, AttributeValue> key, string tenantId) => new()
    {
        Put = new Put
        {
            TableName = tableName,
            Item = new Dictionary<string, AttributeValue>(key) { [TenantKeys.TenantIdAttribute] = S(tenantId) },
            ConditionExpression = "attribute_not_exists(pk) OR #tenant = :tenant",
            ExpressionAttributeNames = new() { ["#tenant"] = TenantKeys.TenantIdAttribute },
            ExpressionAttributeValues = new() { [":tenant"] = S(tenantId) },
        },
    };

    // Never deletes another tenant's mapping, whatever the stored policy says.
    private TransactWriteItem OwnerDelete(Dictionary<string, AttributeValue> key, string tenantId) => new()
    {
        Delete = new Delete
        {
            TableName = tableName,
            Key = key,
            ConditionExpression = "attribute_not_exists(pk) OR #tenant = :tenant",
            ExpressionAttributeNames = new() { ["#tenant"] = TenantKeys.TenantIdAttribute },
            ExpressionAttributeValues = new() { [":tenant"] = S(tenantId) },
        },
    };

    /// <summary>
    /// The cancellation reasons line up with the items: [0] the policy, [1] the admin group, then the clients put,
    /// then those deleted (and last the old group, which only this tenant can hold).
    /// </summary>
    private static EnrollmentException ConflictOf(TransactionCanceledException canceled, string tenantId, string group, List<string> clients, List<string> removed)
    {
        var reasons = canceled.CancellationReasons ?? [];
        for (var i = 0; i < reasons.Count; i++)
        {
            if (reasons[i]?.Code != "ConditionalCheckFailed") continue;
            if (i == 0) return StoreFailures.PolicyVersionConflict(tenantId);
            if (i == 1)
                return StoreFailures.AdminGroupTaken(group);
            var clientIndex = i - 2;
            if (clientIndex >= clients.Count + removed.Count) return StoreFailures.PolicyVersionConflict(tenantId);
            var clientId = clientIndex < clients.Count ? clients[clientIndex] : removed[clientIndex - clients.Count];
            return StoreFailures.ClientTaken(clientId);
        }
        // TransactionConflict: another writer touched the same items at the same moment.
        if (reasons.Any(r => r?.Code == "TransactionConflict")) return StoreFailures.PolicyVersionConflict(tenantId);
        return StoreFailures.PolicyUnavailable();
    }

    private async Task<CompiledTenantPolicy?> ReadPolicyAsync(string tenantId, bool consistent, CancellationToken cancellationToken)
    {
        var item = await GetAsync(PolicyKey(tenantId), consistent, cancellationToken).ConfigureAwait(false);
        if (item is null) return null;
        try
        {
            var policy = TenantPolicyDocument.Parse(item[TenantKeys.DocumentAttribute].S);
            if (policy.TenantId != tenantId) throw new FormatException("The document names another tenant.");
            var version = long.Parse(item[TenantKeys.VersionAttribute].N, CultureInfo.InvariantCulture);
            return new CompiledTenantPolicy(policy, version);
        }
        catch (Exception ex) when (ex is EnrollmentException or FormatException or KeyNotFoundException or ArgumentNullException or OverflowException)
        {
            throw StoreFailures.StoredPolicyInvalid(tenantId);
        }
    }

    private async Task<Dictionary<string, AttributeValue>?> GetAsync(Dictionary<string, AttributeValue> key, bool consistent, CancellationToken cancellationToken)
    {
        try
        {
            var response = await client.GetItemAsync(new GetItemRequest { TableName = tableName, Key = key, ConsistentRead = consistent }, cancellationToken)
                .ConfigureAwait(false);
            // SDK v4: a missing item is a null map (or an empty one from some emulators).
            return response.Item is { Count: > 0 } item ? item : null;
        }
        catch (Exception ex) when (DynamoDbFailures.IsUnavailable(ex, cancellationToken))
        {
            throw StoreFailures.PolicyUnavailable();
        }
    }

    private static Dictionary<string, AttributeValue> PolicyKey(string tenantId) => new()
    {
        [TenantKeys.PartitionKey] = S(TenantKeys.TenantPartition(tenantId)),
        [TenantKeys.SortKey] = S(TenantKeys.PolicySortKey),
    };

    private static Dictionary<string, AttributeValue> GroupKey(string groupName) => new()
    {
        [TenantKeys.PartitionKey] = S(TenantKeys.GroupPartition(groupName)),
        [TenantKeys.SortKey] = S(TenantKeys.ClientSortKey),
    };

    private static Dictionary<string, AttributeValue> ClientKey(string clientId) => new()
    {
        [TenantKeys.PartitionKey] = S(TenantKeys.ClientPartition(clientId)),
        [TenantKeys.SortKey] = S(TenantKeys.ClientSortKey),
    };
}
