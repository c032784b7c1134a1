using Enrollment.Core.Admin;
using Enrollment.Core.Audit;
using Enrollment.Core.Binding;
using Enrollment.Core.Identity;
using Enrollment.Core.Policy;
using Enrollment.Core.Removal;
using Enrollment.Testing;

namespace Enrollment.Core.Tests.Admin;

/// <summary>Two tenants (acme, globex) in memory, their administrators and users, and the admin services over them.</summary>
public sealed class AdminWorld
{
    public static readonly DateTimeOffset Now = new(2025, 11, 21, 10, 0, 0, TimeSpan.Zero);
    public const string Secret = "a test secret of more than thirty-two bytes";

    public static readonly TenantPolicy Acme = new() { TenantId = "acme", AppClientIds = ["acme-app"], Admin = new AdminSettings { GroupName = "acme-admins" } };
    public static readonly TenantPolicy Globex = new() { TenantId = "globex", AppClientIds = ["globex-app"], Admin = new AdminSettings { GroupName = "globex-admins" } };

    public AdminWorld()
    {
        Store = new MemoryTenantPolicyAdminStore(Acme, Globex);
        Audit = new FakeAuditLog(new CallLog());
        Time = new FixedTime(Now);
        // Tokens without a tenant_id claim are resolved through the caller's own binding (GetUser), as on the local stack.
        Lookup.ByToken["token-alice"] = new("alice", "sub-alice", "acme");
        Lookup.ByToken["token-gary"] = new("gary", "sub-gary", "globex");
        Lookup.ByToken["token-nobody"] = new("nobody", "sub-nobody", null);
        Authorizer = new TenantAdminAuthorizer(Store, new TenantBindingReader(Lookup, Time));
        var trail = new AuditTrail(Audit, Time);
        var audited = new AuditedAdminAction(Authorizer, trail);
        Signer = AuditCursorSigner.FromText(Secret);
        Policies = new TenantPolicyAdminService(Authorizer, Store, audited);
        Reset = new TotpResetService(audited, new AdminUserLookup(UserPool), new LostFactorRemoval(UserPool, Records, RecoveryCodes), new DestructiveAction(trail));
        Grace = new GraceGrantService(audited, new AdminUserLookup(UserPool), GraceStarts, Time);
    }

    public MemoryTenantPolicyAdminStore Store { get; }
    public FakeTenantLookup Lookup { get; } = new();
    public FakeAuditLog Audit { get; }
    public FixedTime Time { get; }
    public FakeRecordStore Records { get; } = new(new CallLog());
    public FakeUserPoolAdmin UserPool { get; } = new(new CallLog());
    public FakeRecoveryCodeStore RecoveryCodes { get; } = new(new CallLog());
    public TenantAdminAuthorizer Authorizer { get; }
    public AuditCursorSigner Signer { get; }
    public TenantPolicyAdminService Policies { get; }
    public TotpResetService Reset { get; }
    public GraceGrantService Grace { get; }
    public MemoryGracePeriodStore GraceStarts { get; } = new();

    public static AdminCaller AcmeAdmin(bool tenantClaim = true, string clientId = "acme-app", bool enrollmentOnly = false, string[]? groups = null) =>
        Caller("alice", "sub-alice", tenantClaim ? "acme" : null, clientId, enrollmentOnly, groups ?? ["acme-admins"]);

    public static AdminCaller GlobexAdmin() => Caller("gary", "sub-gary", "globex", "globex-app", false, ["globex-admins"]);

    public static AdminCaller Caller(string username, string sub, string? tenantClaim, string clientId, bool enrollmentOnly, IReadOnlyList<string> groups) =>
        new(new CallerContext
        {
            RequestId = "req-" + Guid.NewGuid().ToString("N")[..8],
            Username = username,
            UserSub = sub,
            TenantClaim = tenantClaim,
            ClientId = clientId,
            SourceIp = "203.0.113.10",
            UserAgent = "AdminConsole/1.0",
        }, groups, enrollmentOnly) { AccessToken = "token-" + username };
}
