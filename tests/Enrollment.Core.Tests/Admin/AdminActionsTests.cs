using Enrollment.Core.Admin;
using Enrollment.Core.Audit;
using Enrollment.Core.Errors;
using Enrollment.Core.Policy;
using Enrollment.Core.Totp;
using Enrollment.Core.UserPool;

namespace Enrollment.Core.Tests.Admin;

/// <summary>The changing admin actions (policy update, TOTP reset) and the one audit event each writes.</summary>
public sealed class AdminActionsTests
{
    private readonly AdminWorld _world = new();
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>A user of the pool bound to <paramref name="tenantId"/> (custom:tenant_id), with an enrollment record under their sub.</summary>
    private Task AddRecordAsync(string tenantId, string username)
    {
        _world.UserPool.AddUser(username, "sub-" + username, tenantId);
        return _world.Records.PutAsync(new EnrollmentRecord(tenantId, username, "sub-" + username, "Pixel 9", AdminWorld.Now.AddDays(-3)), Ct);
    }

    [Fact]
    public async Task A_policy_update_stores_a_new_version_and_is_audited_with_the_admin_as_actor()
    {
        var caller = AdminWorld.AcmeAdmin();
        var result = await _world.Policies.UpdateAsync(caller, "acme", AdminWorld.Acme with { DisplayName = "Acme Corp" }, 1, Ct);

        Assert.Equal((2L, "Acme Corp", true), (result.Policy.Version, result.Policy.Policy.DisplayName, result.CallerRemainsAdmin));
        var e = Assert.Single(_world.Audit.Events);
        Assert.Equal((AuditEventType.PolicyUpdated, AuditOutcome.Success, (string?)null), (e.EventType, e.Outcome, e.Reason));
        Assert.Equal(("acme", "alice", "sub-alice", "alice", "sub-alice"), (e.TenantId, e.Username, e.UserSub, e.Actor, e.ActorSub));
        Assert.Equal((caller.Caller.RequestId, "203.0.113.10", "acme-app"), (e.RequestId, e.SourceIp, e.ClientId));
    }

    [Fact]
    public async Task A_stale_version_is_a_conflict_and_is_audited_as_failed()
    {
        await _world.Policies.UpdateAsync(AdminWorld.AcmeAdmin(), "acme", AdminWorld.Acme with { DisplayName = "First" }, 1, Ct);

        var stale = await Assert.ThrowsAsync<EnrollmentException>(() =>
            _world.Policies.UpdateAsync(AdminWorld.AcmeAdmin(), "acme", AdminWorld.Acme with { DisplayName = "Second" }, 1, Ct));

        Assert.Equal(ErrorCode.Conflict, stale.Code);
        Assert.Equal("First", (await _world.Store.GetCurrentAsync("acme", Ct))!.Policy.DisplayName);
        Assert.Equal([AuditOutcome.Success, AuditOutcome.Failed], _world.Audit.Events.Select(e => e.Outcome));
        Assert.Equal("POLICY_VERSION_CONFLICT", _world.Audit.Events[1].Reason);
    }

    [Fact]
    public async Task Moving_the_admin_group_away_from_the_caller_is_allowed_but_said_and_takes_effect_at_once()
    {
        var result = await _world.Policies.UpdateAsync(AdminWorld.AcmeAdmin(), "acme",
            AdminWorld.Acme with { Admin = new AdminSettings { GroupName = "acme-security" } }, 1, Ct);

        Assert.False(result.CallerRemainsAdmin);
        Assert.Equal(TenantPolicyAdminService.AdminAccessRemovedReason, _world.Audit.Events.Single().Reason);
        var after = await Assert.ThrowsAsync<EnrollmentException>(() => _world.Policies.GetAsync(AdminWorld.AcmeAdmin(), "acme", Ct));
        Assert.Equal(ErrorReasons.NotTenantAdmin, after.Reason);
        Assert.Equal(2, (await _world.Policies.GetAsync(AdminWorld.AcmeAdmin(groups: ["acme-security"]), "acme", Ct)).Version);
    }

    [Fact]
    public async Task Denied_updates_are_audited_in_the_callers_own_tenant_and_a_probe_of_another_writes_nothing_there()
    {
        await Assert.ThrowsAsync<EnrollmentException>(() =>
            _world.Policies.UpdateAsync(AdminWorld.AcmeAdmin(groups: ["users"]), "acme", AdminWorld.Acme with { DisplayName = "Mine now" }, 1, Ct));
        var probe = await Assert.ThrowsAsync<EnrollmentException>(() =>
            _world.Policies.UpdateAsync(AdminWorld.AcmeAdmin(), "globex", AdminWorld.Globex with { DisplayName = "Pwned" }, 1, Ct));

        Assert.Equal((ErrorCode.PolicyDenied, ErrorReasons.NotTenantAdmin), (probe.Code, probe.Reason));
        Assert.Equal([("acme", AuditOutcome.Denied), (AuditTrail.UnresolvedTenant, AuditOutcome.Denied)],
            _world.Audit.Events.Select(e => (e.TenantId, e.Outcome)));
        Assert.Null((await _world.Store.GetCurrentAsync("acme", Ct))!.Policy.DisplayName);
        Assert.Null((await _world.Store.GetCurrentAsync("globex", Ct))!.Policy.DisplayName);
    }

    [Fact]
    public async Task A_body_for_another_tenant_or_a_version_never_issued_is_refused_before_anything_is_read()
    {
        var wrongTenant = await Assert.ThrowsAsync<EnrollmentException>(() => _world.Policies.UpdateAsync(AdminWorld.AcmeAdmin(), "acme", AdminWorld.Globex, 1, Ct));
        var noVersion = await Assert.ThrowsAsync<EnrollmentException>(() => _world.Policies.UpdateAsync(AdminWorld.AcmeAdmin(), "acme", AdminWorld.Acme, 0, Ct));

        Assert.Equal(("tenantId", "if-match"), (wrongTenant.Reason, noVersion.Reason));
        Assert.Empty(_world.Store.Reads);
        Assert.Empty(_world.Audit.Events);
    }

    [Fact]
    public async Task A_reset_removes_the_factor_then_the_record_and_is_audited_with_actor_and_removal()
    {
        await AddRecordAsync("acme", "jane");
        await new global::Enrollment.Core.Recovery.RecoveryCodeIssuer(_world.RecoveryCodes, _world.Time).IssueAsync("acme", "sub-jane", 3, Ct);
        _world.UserPool.Answer = FactorRemoval.PreferenceDisabled;
        var caller = AdminWorld.AcmeAdmin();

        var result = await _world.Reset.ResetAsync(caller, "acme", "jane", Ct);

        Assert.Equal(new TotpResetResult("jane", FactorRemoval.PreferenceDisabled, SignedOut: true), result);
        Assert.Equal(["jane"], _world.UserPool.Removed);
        Assert.Equal(["jane"], _world.UserPool.SignedOut);
        Assert.Null(await _world.Records.GetAsync("acme", "sub-jane", Ct));
        Assert.Null(_world.RecoveryCodes.SetOf("acme", "sub-jane"));
        Assert.Equal(2, _world.Audit.Events.Count);
        var intent = _world.Audit.Events[0];
        Assert.Equal((AuditEventType.TotpAdminReset, AuditOutcome.Started, "jane", "sub-jane", "alice"), (intent.EventType, intent.Outcome, intent.Username, intent.UserSub, intent.Actor));
        var e = _world.Audit.Events[1];
        Assert.True(e.OccurredAt > intent.OccurredAt);
        Assert.Equal((AuditEventType.TotpAdminReset, AuditOutcome.Success, "PREFERENCE_DISABLED", "PREFERENCE_DISABLED"), (e.EventType, e.Outcome, e.Reason, e.FactorRemoval));
        Assert.Equal(GlobalSignOut.SignedOut, e.SignOut);
        Assert.Equal(("acme", "jane", "sub-jane", "alice", "sub-alice", caller.Caller.RequestId), (e.TenantId, e.Username, e.UserSub, e.Actor, e.ActorSub, e.RequestId));
    }

    [Fact]
    public async Task A_user_not_bound_to_the_tenant_is_not_found_whether_unknown_or_of_another_tenant()
    {
        await AddRecordAsync("globex", "gina");

        var ofOther = await Assert.ThrowsAsync<EnrollmentException>(() => _world.Reset.ResetAsync(AdminWorld.AcmeAdmin(), "acme", "gina", Ct));
        var unknown = await Assert.ThrowsAsync<EnrollmentException>(() => _world.Reset.ResetAsync(AdminWorld.AcmeAdmin(), "acme", "nobody", Ct));

        Assert.Equal((ErrorCode.NotFound, ofOther.Message), (unknown.Code, unknown.Message));
        Assert.Empty(_world.UserPool.Removed);
        Assert.NotNull(await _world.Records.GetAsync("globex", "sub-gina", Ct));
        Assert.All(_world.Audit.Events, e => Assert.Equal(("acme", AuditOutcome.Failed, "NOT_FOUND", "alice"), (e.TenantId, e.Outcome, e.Reason, e.Actor)));
    }

    [Fact]
    public async Task A_reset_by_a_non_admin_or_across_tenants_is_denied_and_changes_nothing()
    {
        await AddRecordAsync("acme", "jane");
        await AddRecordAsync("globex", "gina");

        var user = await Assert.ThrowsAsync<EnrollmentException>(() => _world.Reset.ResetAsync(AdminWorld.AcmeAdmin(groups: []), "acme", "jane", Ct));
        var across = await Assert.ThrowsAsync<EnrollmentException>(() => _world.Reset.ResetAsync(AdminWorld.AcmeAdmin(), "globex", "gina", Ct));
        var blank = await Assert.ThrowsAsync<EnrollmentException>(() => _world.Reset.ResetAsync(AdminWorld.AcmeAdmin(), "acme", " ", Ct));

        Assert.Equal((ErrorReasons.NotTenantAdmin, ErrorReasons.NotTenantAdmin, "username"), (user.Reason, across.Reason, blank.Reason));
        Assert.Empty(_world.UserPool.Removed);
        Assert.NotNull(await _world.Records.GetAsync("acme", "sub-jane", Ct));
        Assert.NotNull(await _world.Records.GetAsync("globex", "sub-gina", Ct));
        Assert.Equal([("acme", "jane"), (AuditTrail.UnresolvedTenant, "gina")], _world.Audit.Events.Select(e => (e.TenantId, e.Username!)));
    }

    [Fact]
    public async Task A_failed_removal_keeps_the_record_so_the_reset_can_be_retried()
    {
        await AddRecordAsync("acme", "jane");
        _world.UserPool.Failure = new EnrollmentException(ErrorCode.UpstreamError, "Cognito failed");

        await Assert.ThrowsAsync<EnrollmentException>(() => _world.Reset.ResetAsync(AdminWorld.AcmeAdmin(), "acme", "jane", Ct));

        Assert.NotNull(await _world.Records.GetAsync("acme", "sub-jane", Ct));
        Assert.Equal([AuditOutcome.Started, AuditOutcome.Failed], _world.Audit.Events.Select(e => e.Outcome));
        Assert.Equal("UPSTREAM_ERROR", _world.Audit.Events[^1].Reason);
        Assert.Empty(_world.UserPool.SignedOut);
        Assert.Null(_world.Audit.Events[^1].SignOut);
    }

    [Fact]
    public async Task A_failed_sign_out_after_the_removal_does_not_hide_it_the_reset_succeeds_and_says_so()
    {
        await AddRecordAsync("acme", "jane");
        await new global::Enrollment.Core.Recovery.RecoveryCodeIssuer(_world.RecoveryCodes, _world.Time).IssueAsync("acme", "sub-jane", 3, Ct);
        _world.UserPool.SignOutFailure = new EnrollmentException(ErrorCode.RateLimited, "throttled", retryAfterSeconds: 1);

        var result = await _world.Reset.ResetAsync(AdminWorld.AcmeAdmin(), "acme", "jane", Ct);

        Assert.Equal(new TotpResetResult("jane", FactorRemoval.Deleted, SignedOut: false), result);
        Assert.Equal(["jane"], _world.UserPool.Removed);
        Assert.Null(await _world.Records.GetAsync("acme", "sub-jane", Ct));
        Assert.Null(_world.RecoveryCodes.SetOf("acme", "sub-jane"));
        var e = _world.Audit.Events[^1];
        Assert.Equal((AuditOutcome.Success, "DELETED", "DELETED", "RATE_LIMITED"), (e.Outcome, e.Reason, e.FactorRemoval, e.SignOut));
    }
}
