using System.Text.Json;
using System.Text.Json.Nodes;
using Enrollment.Core.Audit;
using Enrollment.Functions.Http;
using Enrollment.Functions.Tests.Integration;
using static Enrollment.Functions.Tests.Admin.AdminTestBed;

namespace Enrollment.Functions.Tests.Admin;

/// <summary>GET and PUT /v1/admin/tenants/{tenantId}/policy through the handlers, against DynamoDB on moto.</summary>
[Collection(MotoBackendCollection.Name)]
public sealed class AdminPolicyRouteTests(MotoBackend backend)
{
    private readonly AdminTestBed _bed = new(backend);
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private Task<FunctionResponse> GetAsync(HttpApiRequestBuilder request) => CallAsync(_bed.GetPolicy.Handle, request);

    private Task<FunctionResponse> PutAsync(HttpApiRequestBuilder request) => CallAsync(_bed.PutPolicy.Handle, request);

    private static HttpApiRequestBuilder Put(Core.Policy.TenantPolicy tenant, string body, string? ifMatch = "\"1\"", string? pathTenant = null)
    {
        var request = PolicyRequest(AdminPutPolicyFunction.Route, pathTenant ?? tenant.TenantId).WithBody(body);
        return ifMatch is null ? request : request.WithHeader("if-match", ifMatch);
    }

    private static string Document(JsonElement policy, Action<JsonObject> change)
    {
        var node = JsonNode.Parse(policy.GetRawText())!.AsObject();
        change(node);
        return node.ToJsonString();
    }

    [Fact]
    public async Task An_admin_reads_the_whole_document_with_its_version_and_etag()
    {
        var acme = await _bed.CreateTenantAsync("acme");

        var response = await GetAsync(As(PolicyRequest(AdminGetPolicyFunction.Route, acme.TenantId), acme, "alice"));

        Assert.True(response.StatusCode == 200, response.BodyText);
        Assert.Equal(1, response.Data.GetProperty("version").GetInt64());
        Assert.Equal("\"1\"", response.Headers["etag"]);
        var policy = response.Data.GetProperty("policy");
        Assert.Equal(acme.TenantId, policy.GetProperty("tenantId").GetString());
        Assert.Equal(acme.Admin.GroupName, policy.GetProperty("admin").GetProperty("groupName").GetString());
        Assert.Equal(365, policy.GetProperty("audit").GetProperty("retentionDays").GetInt32()); // defaults filled in
        Assert.False(response.Data.TryGetProperty("callerRemainsAdmin", out _));
    }

    [Fact]
    public async Task The_callers_own_binding_decides_the_tenant_when_the_token_has_no_tenant_claim_and_groups_may_come_as_a_json_array()
    {
        var acme = await _bed.CreateTenantAsync("acme");
        _bed.Bindings.ByToken[Token] = new("alice", "sub-alice", acme.TenantId);
        var request = PolicyRequest(AdminGetPolicyFunction.Route, acme.TenantId)
            .WithAccessToken(Token, "alice", acme.AppClientIds[0])
            .WithClaim("cognito:groups", $"[\"{acme.Admin.GroupName}\"]");

        var response = await GetAsync(request);

        Assert.True(response.StatusCode == 200, response.BodyText);
    }

    [Fact]
    public async Task Another_tenant_and_a_tenant_that_does_not_exist_get_the_same_403()
    {
        var acme = await _bed.CreateTenantAsync("acme");
        var globex = await _bed.CreateTenantAsync("globex");
        _bed.Bindings.ByToken[Token] = new("alice", "sub-alice", acme.TenantId);

        var other = await GetAsync(As(PolicyRequest(AdminGetPolicyFunction.Route, globex.TenantId), acme, "alice"));
        var missing = await GetAsync(As(PolicyRequest(AdminGetPolicyFunction.Route, "no-such-tenant"), acme, "alice"));
        var byClient = await GetAsync(As(PolicyRequest(AdminGetPolicyFunction.Route, globex.TenantId), acme, "alice", tenantClaim: false));

        foreach (var response in new[] { other, missing, byClient })
        {
            response.AssertError(403, "POLICY_DENIED");
            Assert.Equal("NOT_TENANT_ADMIN", response.Reason);
            Assert.DoesNotContain(globex.DisplayName!, response.BodyText);
        }
        Assert.Equal(other.Body.GetProperty("error").GetProperty("message").GetString(), missing.Body.GetProperty("error").GetProperty("message").GetString());
    }

    [Theory]
    [InlineData("not in the admin group")]
    [InlineData("enrollment-only token")]
    [InlineData("another tenant's admin group")]
    public async Task A_user_of_the_tenant_who_is_not_its_admin_is_refused(string why)
    {
        var acme = await _bed.CreateTenantAsync("acme");
        var globex = await _bed.CreateTenantAsync("globex");
        var request = why switch
        {
            "not in the admin group" => As(PolicyRequest(AdminGetPolicyFunction.Route, acme.TenantId), acme, "bob", admin: false),
            "enrollment-only token" => As(PolicyRequest(AdminGetPolicyFunction.Route, acme.TenantId), acme, "alice").WithClaim("mfa_enrollment_only", "true"),
            _ => As(PolicyRequest(AdminGetPolicyFunction.Route, acme.TenantId), acme, "alice").WithClaim("cognito:groups", $"[{globex.Admin.GroupName}]"),
        };

        var response = await GetAsync(request);

        response.AssertError(403, "POLICY_DENIED");
        Assert.Equal("NOT_TENANT_ADMIN", response.Reason);
    }

    [Fact]
    public async Task Without_verified_claims_it_is_401()
    {
        var acme = await _bed.CreateTenantAsync("acme");
        var response = await GetAsync(PolicyRequest(AdminGetPolicyFunction.Route, acme.TenantId));
        response.AssertError(401, "UNAUTHORIZED");
    }

    [Fact]
    public async Task An_admin_replaces_the_policy_with_the_version_read_and_the_change_is_audited()
    {
        var acme = await _bed.CreateTenantAsync("acme");
        var read = await GetAsync(As(PolicyRequest(AdminGetPolicyFunction.Route, acme.TenantId), acme, "alice"));
        var body = Document(read.Data.GetProperty("policy"), d =>
        {
            d.Remove("tenantId"); // optional: the path names the tenant
            d["displayName"] = "Acme Europe";
            d["enrollment"]!["maxAssociationsPerHour"] = 2;
        });

        var put = await PutAsync(As(Put(acme, body, read.Headers["etag"]), acme, "alice").WithRequestId("req-put-1"));

        Assert.True(put.StatusCode == 200, put.BodyText);
        Assert.Equal(2, put.Data.GetProperty("version").GetInt64());
        Assert.Equal("\"2\"", put.Headers["etag"]);
        Assert.True(put.Data.GetProperty("callerRemainsAdmin").GetBoolean());
        Assert.Equal(60, put.Data.GetProperty("propagationSeconds").GetInt32());
        var stored = await _bed.PolicyStore.GetCurrentAsync(acme.TenantId, Ct);
        Assert.Equal(("Acme Europe", 2, 2L), (stored!.Policy.DisplayName, stored.Policy.Enrollment.MaxAssociationsPerHour, stored.Version));

        var audit = Assert.Single(await backend.AuditItemsAsync(acme.TenantId, "alice"));
        Assert.Equal(("POLICY_UPDATED", "SUCCESS", "req-put-1"), (audit["eventType"].S, audit["outcome"].S, audit["requestId"].S));
        Assert.Equal(("alice", "sub-alice"), (audit["actor"].S, audit["actorSub"].S));
        SecretScan.AssertAbsent([_bed.Log.ToString(), SecretScan.Render(audit)], Token);
    }

    [Fact]
    public async Task A_stale_version_is_409_and_two_concurrent_writes_of_one_version_have_exactly_one_winner()
    {
        var bed = new AdminTestBed(backend, serializeDynamo: true);
        var acme = await bed.CreateTenantAsync("acme");

        var writes = await Task.WhenAll(Enumerable.Range(0, 2).Select(i => Task.Run(() => CallAsync(bed.PutPolicy.Handle,
            As(Put(acme, $$$"""{"displayName":"Writer {{{i}}}","appClientIds":["{{{acme.AppClientIds[0]}}}"],"admin":{"groupName":"{{{acme.Admin.GroupName}}}"}}"""), acme, "alice")))));

        Assert.Equal(1, writes.Count(w => w.StatusCode == 200));
        var loser = Assert.Single(writes, w => w.StatusCode != 200);
        loser.AssertError(409, "CONFLICT");
        Assert.Equal("POLICY_VERSION_CONFLICT", loser.Reason);
        var winner = writes.Single(w => w.StatusCode == 200).Data.GetProperty("policy").GetProperty("displayName").GetString();
        var stored = await bed.PolicyStore.GetCurrentAsync(acme.TenantId, Ct);
        Assert.Equal((winner, 2L), (stored!.Policy.DisplayName, stored.Version));

        var stale = await CallAsync(bed.PutPolicy.Handle, As(Put(acme, """{"displayName":"Late"}""", "\"1\""), acme, "alice"));
        stale.AssertError(409, "CONFLICT");
        var outcomes = (await backend.AuditItemsAsync(acme.TenantId, "alice")).Select(i => $"{i["outcome"].S}:{i.GetValueOrDefault("reason")?.S}").Order();
        Assert.Equal(["FAILED:POLICY_VERSION_CONFLICT", "FAILED:POLICY_VERSION_CONFLICT", "SUCCESS:"], outcomes);
    }

    [Theory]
    [InlineData("""{"enrollment":{"maxAttempts":3}}""", "\"1\"", "enrollment.maxAttempts")]
    [InlineData("""{"audit":{"retentionDays":0}}""", "\"1\"", "audit.retentionDays")]
    [InlineData("""{"enrollment":{"allowedNetworks":["10.0.0.1/8"]}}""", "\"1\"", "enrollment.allowedNetworks[0]")]
    [InlineData("""{"enrollment":{"enabled":"yes"}}""", "\"1\"", "enrollment.enabled")]
    [InlineData("""{"tenantId":"someone-else"}""", "\"1\"", "tenantId")]
    [InlineData("""{"displayName":"A","displayName":"B"}""", "\"1\"", "body")]
    [InlineData("""{"displayName":""", "\"1\"", "body")]
    [InlineData("""{"displayName":"A"}""", null, "if-match")]
    [InlineData("""{"displayName":"A"}""", "*", "if-match")]
    [InlineData("""{"displayName":"A"}""", "W/\"1\"", "if-match")]
    public async Task Bad_writes_are_400_naming_the_field_and_change_nothing(string body, string? ifMatch, string field)
    {
        var acme = await _bed.CreateTenantAsync("acme");

        var response = await PutAsync(As(Put(acme, body, ifMatch), acme, "alice"));

        response.AssertError(400, "VALIDATION_ERROR");
        Assert.Equal(field, response.Reason);
        Assert.Equal(1, (await _bed.PolicyStore.GetCurrentAsync(acme.TenantId, Ct))!.Version);
    }

    [Fact]
    public async Task An_admin_cannot_write_another_tenants_policy_nor_claim_its_app_client()
    {
        var acme = await _bed.CreateTenantAsync("acme");
        var globex = await _bed.CreateTenantAsync("globex");

        var across = await PutAsync(As(Put(globex, """{"displayName":"Owned"}""", pathTenant: globex.TenantId), acme, "alice"));
        across.AssertError(403, "POLICY_DENIED");
        var claim = await PutAsync(As(Put(acme, $$$"""{"appClientIds":["{{{acme.AppClientIds[0]}}}","{{{globex.AppClientIds[0]}}}"],"admin":{"groupName":"{{{acme.Admin.GroupName}}}"}}"""), acme, "alice"));
        claim.AssertError(409, "CONFLICT");
        Assert.Equal("CLIENT_OF_ANOTHER_TENANT", claim.Reason);

        var stored = await _bed.PolicyStore.GetCurrentAsync(globex.TenantId, Ct);
        Assert.Equal(("globex Corp", 1L), (stored!.Policy.DisplayName, stored.Version));
        Assert.Equal(globex.TenantId, (await _bed.PolicyStore.FindByClientIdAsync(globex.AppClientIds[0], Ct))!.TenantId);
        Assert.Empty(await backend.AuditItemsAsync(globex.TenantId, "alice")); // a probe writes nothing into the other tenant
    }

    [Fact]
    public async Task Moving_the_admin_group_is_allowed_but_reported_and_the_old_group_loses_access_at_once()
    {
        var acme = await _bed.CreateTenantAsync("acme");

        var put = await PutAsync(As(Put(acme, $$$"""{"appClientIds":["{{{acme.AppClientIds[0]}}}"],"admin":{"groupName":"acme-security"}}"""), acme, "alice"));

        Assert.True(put.StatusCode == 200, put.BodyText);
        Assert.False(put.Data.GetProperty("callerRemainsAdmin").GetBoolean());
        Assert.Equal("ADMIN_ACCESS_REMOVED", (await backend.AuditItemsAsync(acme.TenantId, "alice")).Single()["reason"].S);
        var after = await GetAsync(As(PolicyRequest(AdminGetPolicyFunction.Route, acme.TenantId), acme, "alice"));
        after.AssertError(403, "POLICY_DENIED");
        var newGroup = await GetAsync(As(PolicyRequest(AdminGetPolicyFunction.Route, acme.TenantId), acme, "carol").WithClaim("cognito:groups", "[acme-security]"));
        Assert.Equal(200, newGroup.StatusCode);
    }

    [Fact]
    public async Task A_denied_write_by_a_user_of_the_tenant_is_audited_there()
    {
        var acme = await _bed.CreateTenantAsync("acme");

        var response = await PutAsync(As(Put(acme, """{"displayName":"Mine"}"""), acme, "bob", admin: false));

        response.AssertError(403, "POLICY_DENIED");
        var audit = Assert.Single(await backend.AuditItemsAsync(acme.TenantId, "bob"));
        Assert.Equal((AuditEventType.PolicyUpdated, "DENIED", "NOT_TENANT_ADMIN", "bob"), (audit["eventType"].S, audit["outcome"].S, audit["reason"].S, audit["actor"].S));
    }
}
