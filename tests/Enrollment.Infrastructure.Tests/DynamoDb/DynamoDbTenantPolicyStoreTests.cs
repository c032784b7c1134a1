using Amazon.DynamoDBv2.Model;
using Enrollment.Core.Errors;
using Enrollment.Core.Identity;
using Enrollment.Core.Policy;
using Enrollment.Infrastructure.DynamoDb;
using Xunit;
using Enrollment.Testing;

namespace Enrollment.Infrastructure.Tests.DynamoDb;

[Collection(DynamoMotoCollection.Name)]
public sealed class DynamoDbTenantPolicyStoreTests(MotoFixture dynamo) : IAsyncLifetime
{
    private string _table = "";
    private DynamoDbTenantPolicyStore _store = null!;
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _table = await dynamo.CreateTenantsTableAsync();
        _store = new DynamoDbTenantPolicyStore(dynamo.Client, _table);
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private static TenantPolicy Policy(string tenant, params string[] clients) => new()
    {
        TenantId = tenant,
        DisplayName = $"{tenant} Corp",
        AppClientIds = clients,
        Enrollment = new EnrollmentRules { MinAppVersion = "2.0.0", AllowedNetworks = ["203.0.113.0/24"], MaxAssociationsPerHour = 3 },
    };

    [Fact]
    public async Task A_created_policy_is_found_by_tenant_and_by_each_client_with_version_1()
    {
        var created = await _store.PutAsync(Policy("acme", "c-1", "c-2"), expectedVersion: null, Ct);
        Assert.Equal(1, created.Version);

        var byTenant = await _store.FindByTenantIdAsync("acme", Ct);
        Assert.NotNull(byTenant);
        Assert.Equal(1, byTenant.Version);
        Assert.Equal("acme Corp", byTenant.Policy.DisplayName);
        Assert.Equal(3, byTenant.Policy.Enrollment.MaxAssociationsPerHour);
        Assert.Equal(["c-1", "c-2"], byTenant.Policy.AppClientIds);
        Assert.True(byTenant.Networks.Allows("203.0.113.9"));
        Assert.False(byTenant.Networks.Allows("198.51.100.1"));

        Assert.Equal("acme", (await _store.FindByClientIdAsync("c-1", Ct))?.TenantId);
        Assert.Equal("acme", (await _store.FindByClientIdAsync("c-2", Ct))?.TenantId);
    }

    [Fact]
    public async Task An_admin_group_belongs_to_one_tenant_and_is_freed_when_the_tenant_moves_to_another()
    {
        // Defaults are per tenant, so two tenants without an admin section never collide.
        await _store.PutAsync(Policy("acme", "c-1"), null, Ct);
        await _store.PutAsync(Policy("globex", "c-2"), null, Ct);
        Assert.Equal("acme-enrollment-admins", (await _store.FindByTenantIdAsync("acme", Ct))!.Policy.AdminGroupName);

        var taken = await Assert.ThrowsAsync<EnrollmentException>(() =>
            _store.PutAsync(Policy("globex", "c-2") with { Admin = new AdminSettings { GroupName = "acme-enrollment-admins" } }, 1, Ct));
        Assert.Equal((ErrorCode.Conflict, ErrorReasons.GroupOfAnotherTenant), (taken.Code, taken.Reason));
        Assert.Equal(1, (await _store.FindByTenantIdAsync("globex", Ct))!.Version); // nothing written

        await _store.PutAsync(Policy("acme", "c-1") with { Admin = new AdminSettings { GroupName = "acme-security" } }, 1, Ct);
        var moved = await _store.PutAsync(Policy("globex", "c-2") with { Admin = new AdminSettings { GroupName = "acme-enrollment-admins" } }, 1, Ct);
        Assert.Equal("acme-enrollment-admins", moved.Policy.AdminGroupName);
    }

    [Fact]
    public async Task Unknown_and_malformed_ids_are_null()
    {
        await _store.PutAsync(Policy("acme", "c-1"), null, Ct);
        Assert.Null(await _store.FindByTenantIdAsync("nobody", Ct));
        Assert.Null(await _store.FindByClientIdAsync("nobody", Ct));
        Assert.Null(await _store.FindByTenantIdAsync("", Ct));
        Assert.Null(await _store.FindByClientIdAsync("", Ct));
        Assert.Null(await _store.FindByTenantIdAsync("acme#POLICY", Ct));
        Assert.Null(await _store.FindByClientIdAsync(new string('x', 2000), Ct));
    }

    [Fact]
    public async Task Versions_are_optimistic_a_stale_or_missing_version_is_a_conflict()
    {
        await _store.PutAsync(Policy("acme", "c-1"), null, Ct);

        var again = await Assert.ThrowsAsync<EnrollmentException>(() => _store.PutAsync(Policy("acme"), null, Ct));
        Assert.Equal(ErrorCode.Conflict, again.Code);
        Assert.Equal(ErrorReasons.PolicyVersionConflict, again.Reason);

        var updated = await _store.PutAsync(Policy("acme", "c-1") with { DisplayName = "Acme" }, expectedVersion: 1, Ct);
        Assert.Equal(2, updated.Version);

        var stale = await Assert.ThrowsAsync<EnrollmentException>(() => _store.PutAsync(Policy("acme") with { DisplayName = "Stale" }, 1, Ct));
        Assert.Equal(ErrorCode.Conflict, stale.Code);
        var missing = await Assert.ThrowsAsync<EnrollmentException>(() => _store.PutAsync(Policy("newco"), 4, Ct));
        Assert.Equal(ErrorCode.Conflict, missing.Code);

        var stored = await _store.FindByTenantIdAsync("acme", Ct);
        Assert.Equal(2, stored?.Version);
        Assert.Equal("Acme", stored?.Policy.DisplayName);
        Assert.Null(await _store.FindByTenantIdAsync("newco", Ct));
    }

    [Fact]
    public async Task Concurrent_updates_of_one_version_let_exactly_one_win()
    {
        await _store.PutAsync(Policy("acme", "c-1"), null, Ct);
        var store = new DynamoDbTenantPolicyStore(dynamo.SerializedClient, _table); // see SerializedClient
        var attempts = Enumerable.Range(0, 8)
            .Select(i => Task.Run(() => store.PutAsync(Policy("acme", "c-1") with { DisplayName = $"Writer {i}" }, 1, Ct), Ct))
            .ToList();
        var outcomes = await Task.WhenAll(attempts.Select(async t =>
        {
            try { await t; return "won"; }
            catch (EnrollmentException e) when (e.Code == ErrorCode.Conflict) { return "conflict"; }
        }));
        Assert.Equal(1, outcomes.Count(o => o == "won"));
        Assert.Equal(2, (await _store.FindByTenantIdAsync("acme", Ct))?.Version);
    }

    [Fact]
    public async Task A_client_of_another_tenant_is_a_conflict_and_nothing_is_written()
    {
        await _store.PutAsync(Policy("acme", "c-1"), null, Ct);

        var error = await Assert.ThrowsAsync<EnrollmentException>(() => _store.PutAsync(Policy("globex", "c-9", "c-1"), null, Ct));
        Assert.Equal(ErrorCode.Conflict, error.Code);
        Assert.Equal(ErrorReasons.ClientOfAnotherTenant, error.Reason);
        Assert.Contains("'c-1'", error.Message);

        // All or nothing: neither the policy nor the other client's mapping was written.
        Assert.Null(await _store.FindByTenantIdAsync("globex", Ct));
        Assert.Null(await _store.FindByClientIdAsync("c-9", Ct));
        Assert.Null(await ReadMappingAsync("c-9"));
        Assert.Equal("acme", (await _store.FindByClientIdAsync("c-1", Ct))?.TenantId);
    }

    [Fact]
    public async Task A_removed_client_loses_its_mapping_and_can_then_move_to_another_tenant()
    {
        await _store.PutAsync(Policy("acme", "c-1", "c-2"), null, Ct);
        await _store.PutAsync(Policy("acme", "c-2"), 1, Ct);

        Assert.Null(await _store.FindByClientIdAsync("c-1", Ct));
        Assert.Null(await ReadMappingAsync("c-1"));
        Assert.Equal("acme", (await _store.FindByClientIdAsync("c-2", Ct))?.TenantId);

        await _store.PutAsync(Policy("globex", "c-1"), null, Ct);
        Assert.Equal("globex", (await _store.FindByClientIdAsync("c-1", Ct))?.TenantId);
        Assert.Equal("globex", await ReadMappingAsync("c-1"));
    }

    [Fact]
    public async Task A_mapping_to_a_policy_that_no_longer_lists_the_client_is_not_trusted()
    {
        await _store.PutAsync(Policy("acme", "c-1"), null, Ct);
        // What an eventually consistent read (or a hand edit) can show: the mapping says acme, the policy does not.
        await dynamo.Client.PutItemAsync(new PutItemRequest
        {
            TableName = _table,
            Item = new()
            {
                ["pk"] = new AttributeValue { S = "CLIENT#c-stray" },
                ["sk"] = new AttributeValue { S = "TENANT" },
                ["tenantId"] = new AttributeValue { S = "acme" },
            },
        }, Ct);
        Assert.Null(await _store.FindByClientIdAsync("c-stray", Ct));
    }

    [Fact]
    public async Task An_invalid_policy_is_refused_before_any_write()
    {
        var error = await Assert.ThrowsAsync<EnrollmentException>(
            () => _store.PutAsync(Policy("acme") with { Audit = new AuditSettings { RetentionDays = 0 } }, null, Ct));
        Assert.Equal(ErrorCode.ValidationError, error.Code);
        Assert.Null(await _store.FindByTenantIdAsync("acme", Ct));
    }

    [Fact]
    public async Task A_stored_document_that_does_not_parse_fails_closed_without_its_content()
    {
        await dynamo.Client.PutItemAsync(new PutItemRequest
        {
            TableName = _table,
            Item = new()
            {
                ["pk"] = new AttributeValue { S = "TENANT#broken" },
                ["sk"] = new AttributeValue { S = "POLICY" },
                ["document"] = new AttributeValue { S = "{\"tenantId\":\"broken\",\"surprise\":true}" },
                ["version"] = new AttributeValue { N = "1" },
            },
        }, Ct);
        var error = await Assert.ThrowsAsync<EnrollmentException>(() => _store.FindByTenantIdAsync("broken", Ct));
        Assert.Equal(ErrorCode.InternalError, error.Code);
        Assert.DoesNotContain("surprise", error.Message);
    }

    private async Task<string?> ReadMappingAsync(string clientId)
    {
        var response = await dynamo.Client.GetItemAsync(new GetItemRequest
        {
            TableName = _table,
            Key = new() { ["pk"] = new AttributeValue { S = $"CLIENT#{clientId}" }, ["sk"] = new AttributeValue { S = "TENANT" } },
            ConsistentRead = true,
        }, Ct);
        return response.Item is { Count: > 0 } item ? item["tenantId"].S : null;
    }
}
