using Enrollment.Core.Errors;
using Enrollment.Core.Recovery;
using Enrollment.Core.Totp;
using Enrollment.Core.UserPool;
using Enrollment.Functions.Tests.Integration;
using static Enrollment.Functions.Tests.Admin.AdminTestBed;

namespace Enrollment.Functions.Tests.Admin;

/// <summary>
/// POST /v1/admin/tenants/{tenantId}/users/{username}/totp/reset through the handler: audit and policies on moto,
/// the Admin* factor removal and the enrollment records in memory.
/// </summary>
[Collection(MotoBackendCollection.Name)]
public sealed class AdminResetRouteTests(MotoBackend backend)
{
    private readonly AdminTestBed _bed = new(backend);
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private Task<FunctionResponse> ResetAsync(HttpApiRequestBuilder request) => CallAsync(_bed.Reset.Handle, request);

    /// <summary>A pool user bound to <paramref name="tenantId"/> (custom:tenant_id) with an enrollment record under their sub.</summary>
    private Task EnrollAsync(string tenantId, string username)
    {
        _bed.UserPool.AddUser(username, "sub-" + username, tenantId);
        return _bed.Records.PutAsync(new EnrollmentRecord(tenantId, username, "sub-" + username, "Pixel 9", DateTimeOffset.UtcNow.AddDays(-10)), Ct);
    }

    /// <summary>The outcome item of a reset (the intent item, STARTED, comes before it).</summary>
    private static Dictionary<string, Amazon.DynamoDBv2.Model.AttributeValue> OutcomeOf(List<Dictionary<string, Amazon.DynamoDBv2.Model.AttributeValue>> items) =>
        items.OrderBy(i => i["sk"].S, StringComparer.Ordinal).Last();

    [Fact]
    public async Task An_admin_resets_a_users_authenticator_and_the_audit_names_the_admin_and_the_removal()
    {
        var acme = await _bed.CreateTenantAsync("acme");
        await EnrollAsync(acme.TenantId, "jane@example.com");
        var codes = await new RecoveryCodeIssuer(_bed.RecoveryCodes, TimeProvider.System).IssueAsync(acme.TenantId, "sub-jane@example.com", 5, Ct);

        var response = await ResetAsync(As(ResetRequest(acme.TenantId, "jane@example.com"), acme, "alice").WithRequestId("req-reset-1"));

        Assert.True(response.StatusCode == 200, response.BodyText);
        Assert.Equal("jane@example.com", response.Data.GetProperty("username").GetString());
        Assert.Equal("DELETED", response.Data.GetProperty("factorRemoval").GetString());
        Assert.True(response.Data.GetProperty("signedOut").GetBoolean());
        Assert.Equal(["jane@example.com"], _bed.UserPool.Removed);
        Assert.Equal(["jane@example.com"], _bed.UserPool.SignedOut);
        Assert.Null(await _bed.Records.GetAsync(acme.TenantId, "sub-jane@example.com", Ct));
        // The codes went with the authenticator (they may be on the lost phone): none is accepted any more.
        Assert.Equal(0, await _bed.RecoveryCodes.CountRemainingAsync(acme.TenantId, "sub-jane@example.com", Ct));
        Assert.False(await _bed.RecoveryCodes.TryConsumeAsync(acme.TenantId, "sub-jane@example.com", codes.Codes[0], Ct));

        var items = await backend.AuditItemsAsync(acme.TenantId, "jane@example.com");
        Assert.Equal(["TOTP_ADMIN_RESET:STARTED", "TOTP_ADMIN_RESET:SUCCESS"], items.OrderBy(i => i["sk"].S, StringComparer.Ordinal).Select(MotoBackend.Outcome));
        var audit = OutcomeOf(items);
        Assert.Equal(("TOTP_ADMIN_RESET", "SUCCESS", "DELETED", "req-reset-1"), (audit["eventType"].S, audit["outcome"].S, audit["reason"].S, audit["requestId"].S));
        Assert.Equal(("alice", "sub-alice", "sub-jane@example.com", "DELETED", "SIGNED_OUT"),
            (audit["actor"].S, audit["actorSub"].S, audit["userSub"].S, audit["factorRemoval"].S, audit["signOut"].S));
        SecretScan.AssertAbsent([_bed.Log.ToString(), response.Raw, .. items.Select(SecretScan.Render)], [Token, .. codes.Codes]);
    }

    [Fact]
    public async Task Where_only_the_preference_could_be_turned_off_the_answer_and_the_audit_say_so()
    {
        var acme = await _bed.CreateTenantAsync("acme");
        await EnrollAsync(acme.TenantId, "jane");
        _bed.UserPool.Answer = FactorRemoval.PreferenceDisabled;

        var response = await ResetAsync(As(ResetRequest(acme.TenantId, "jane"), acme, "alice"));

        Assert.Equal("PREFERENCE_DISABLED", response.Data.GetProperty("factorRemoval").GetString());
        Assert.Equal("PREFERENCE_DISABLED", OutcomeOf(await backend.AuditItemsAsync(acme.TenantId, "jane"))["reason"].S);
    }

    [Fact]
    public async Task A_user_not_bound_to_this_tenant_is_404_alike_for_unknown_users_and_users_of_another_tenant()
    {
        var acme = await _bed.CreateTenantAsync("acme");
        var globex = await _bed.CreateTenantAsync("globex");
        await EnrollAsync(globex.TenantId, "gina");

        var ofGlobex = await ResetAsync(As(ResetRequest(acme.TenantId, "gina"), acme, "alice"));
        var unknown = await ResetAsync(As(ResetRequest(acme.TenantId, "nobody"), acme, "alice"));

        ofGlobex.AssertError(404, "NOT_FOUND");
        unknown.AssertError(404, "NOT_FOUND");
        Assert.Equal(ofGlobex.Body.GetProperty("error").GetProperty("message").GetString(), unknown.Body.GetProperty("error").GetProperty("message").GetString());
        Assert.Empty(_bed.UserPool.Removed);
        Assert.NotNull(await _bed.Records.GetAsync(globex.TenantId, "sub-gina", Ct));
        Assert.Equal("FAILED:NOT_FOUND", MotoBackend.Outcome((await backend.AuditItemsAsync(acme.TenantId, "gina")).Single()).Replace("TOTP_ADMIN_RESET:", "") + ":" + (await backend.AuditItemsAsync(acme.TenantId, "gina")).Single()["reason"].S);
        Assert.Empty(await backend.AuditItemsAsync(globex.TenantId, "gina"));
    }

    [Fact]
    public async Task Another_tenants_admin_or_a_plain_user_cannot_reset_and_nothing_changes()
    {
        var acme = await _bed.CreateTenantAsync("acme");
        var globex = await _bed.CreateTenantAsync("globex");
        await EnrollAsync(acme.TenantId, "jane");

        var across = await ResetAsync(As(ResetRequest(acme.TenantId, "jane"), globex, "gus"));
        var user = await ResetAsync(As(ResetRequest(acme.TenantId, "jane"), acme, "bob", admin: false));
        var enrollmentOnly = await ResetAsync(As(ResetRequest(acme.TenantId, "jane"), acme, "alice").WithClaim("mfa_enrollment_only", "true"));

        foreach (var response in new[] { across, user, enrollmentOnly })
        {
            response.AssertError(403, "POLICY_DENIED");
            Assert.Equal("NOT_TENANT_ADMIN", response.Reason);
        }
        Assert.Empty(_bed.UserPool.Removed);
        Assert.NotNull(await _bed.Records.GetAsync(acme.TenantId, "sub-jane", Ct));
        // Denials by users of the tenant are in its audit; the other tenant's admin left nothing in it.
        var audit = await backend.AuditItemsAsync(acme.TenantId, "jane");
        Assert.Equal(["bob", "alice"], audit.OrderBy(i => i["sk"].S, StringComparer.Ordinal).Select(i => i["actor"].S));
        Assert.All(audit, i => Assert.Equal(("DENIED", "NOT_TENANT_ADMIN"), (i["outcome"].S, i["reason"].S)));
    }

    [Fact]
    public async Task A_failed_sign_out_after_the_removal_is_still_a_reset_the_answer_and_the_audit_say_the_sign_out_failed()
    {
        var acme = await _bed.CreateTenantAsync("acme");
        await EnrollAsync(acme.TenantId, "jane");
        _bed.UserPool.SignOutFailure = new EnrollmentException(ErrorCode.UpstreamError, "The user pool failed.");

        var response = await ResetAsync(As(ResetRequest(acme.TenantId, "jane"), acme, "alice"));

        Assert.True(response.StatusCode == 200, response.BodyText);
        Assert.Equal(("DELETED", false), (response.Data.GetProperty("factorRemoval").GetString(), response.Data.GetProperty("signedOut").GetBoolean()));
        Assert.Null(await _bed.Records.GetAsync(acme.TenantId, "sub-jane", Ct));
        var audit = OutcomeOf(await backend.AuditItemsAsync(acme.TenantId, "jane"));
        Assert.Equal(("SUCCESS", "DELETED", "UPSTREAM_ERROR"), (audit["outcome"].S, audit["factorRemoval"].S, audit["signOut"].S));
    }

    [Fact]
    public async Task A_failed_removal_keeps_the_record_and_can_be_retried_membership_is_the_binding_not_the_record()
    {
        var acme = await _bed.CreateTenantAsync("acme");
        await EnrollAsync(acme.TenantId, "jane");
        _bed.UserPool.Failure = new EnrollmentException(ErrorCode.UpstreamError, "The user pool failed.");

        var failed = await ResetAsync(As(ResetRequest(acme.TenantId, "jane"), acme, "alice"));
        failed.AssertError(502, "UPSTREAM_ERROR");
        Assert.NotNull(await _bed.Records.GetAsync(acme.TenantId, "sub-jane", Ct));

        _bed.UserPool.Failure = null;
        Assert.Equal(200, (await ResetAsync(As(ResetRequest(acme.TenantId, "jane"), acme, "alice"))).StatusCode);
        Assert.Null(await _bed.Records.GetAsync(acme.TenantId, "sub-jane", Ct));
        // Still a member of acme without any record: the binding, not our table, says who belongs.
        Assert.Equal(200, (await ResetAsync(As(ResetRequest(acme.TenantId, "jane"), acme, "alice"))).StatusCode);
    }

    [Fact]
    public async Task A_malformed_username_is_400_before_anything_is_read()
    {
        var acme = await _bed.CreateTenantAsync("acme");

        var response = await ResetAsync(As(ResetRequest(acme.TenantId, new string('u', 129)), acme, "alice"));

        response.AssertError(400, "VALIDATION_ERROR");
        Assert.Equal("username", response.Reason);
        Assert.Empty(await backend.AuditItemsAsync(acme.TenantId, new string('u', 129)));
        Assert.Empty(_bed.UserPool.Removed);
    }
}
