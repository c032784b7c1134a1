using Enrollment.Core.Admin;
using Enrollment.Core.Audit;
using Enrollment.Core.Enrollment;
using Enrollment.Core.Policy;
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
        Authorizer = new TenantAdminAuthorizer(Store);
        var audited = new AuditedAdminAction(Authorizer, new AuditTrail(Audit, Time));
        Signer = AuditCursorSigner.FromText(Secret);
        Policies = new TenantPolicyAdminService(Authorizer, Store, audited);
        Reset = new TotpResetService(audited, Records, RecoveryCodes, UserPool);
    }

    public MemoryTenantPolicyAdminStore Store { get; }
    public FakeAuditLog Audit { get; }
    public FixedTime Time { get; }
    public MemoryEnrollmentRecordStore Records { get; } = new();
    public FakeUserPoolAdmin UserPool { get; } = new(new CallLog());
    public FakeRecoveryCodeStore RecoveryCodes { get; } = new(new CallLog());
    public TenantAdminAuthorizer Authorizer { get; }
    public AuditCursorSigner Signer { get; }
    public TenantPolicyAdminService Policies { get; }
    public TotpResetService Reset { get; }

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
        }, groups, enrollmentOnly);
}
