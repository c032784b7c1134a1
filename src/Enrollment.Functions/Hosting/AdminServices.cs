using Enrollment.Core.Admin;
using Enrollment.Core.Audit;
using Enrollment.Core.Binding;
using Enrollment.Core.Recovery;
using Enrollment.Core.Removal;
using Enrollment.Core.SignIn;
using Enrollment.Core.Totp;
using Enrollment.Core.UserPool;

namespace Enrollment.Functions.Hosting;

/// <summary>
/// The admin routes' services. Each is built on first use, so a function builds only its own and needs only its
/// own settings: the audit function the cursor secret, the reset and grace functions the user pool.
/// </summary>
public sealed class AdminServices
{
    private readonly Lazy<TenantPolicyAdminService> _policies;
    private readonly Lazy<AuditSearchService> _audit;
    private readonly Lazy<TotpResetService> _reset;
    private readonly Lazy<GraceGrantService> _grace;

    private AdminServices(Lazy<TenantPolicyAdminService> policies, Lazy<AuditSearchService> audit, Lazy<TotpResetService> reset,
        Lazy<GraceGrantService> grace, TimeSpan policyCacheLifetime)
    {
        _policies = policies;
        _audit = audit;
        _reset = reset;
        _grace = grace;
        PolicyCacheLifetime = policyCacheLifetime;
    }

    public TenantPolicyAdminService Policies => _policies.Value;
    public AuditSearchService Audit => _audit.Value;
    public TotpResetService Reset => _reset.Value;
    public GraceGrantService Grace => _grace.Value;

    /// <summary>How long the other functions may serve a policy from memory (POLICY_CACHE_SECONDS): reported by PUT.</summary>
    public TimeSpan PolicyCacheLifetime { get; }

    /// <summary>The ports of the functions that act on a user: the user pool's Admin* calls, and the user's state.</summary>
    public sealed record UserPorts(IUserPoolAdmin UserPool, IEnrollmentRecordStore Records, IRecoveryCodeStore RecoveryCodes, IGracePeriodStore Grace);

    /// <param name="policies">Uncached: authorization and versions must see the latest write.</param>
    /// <param name="bindings">Reads an administrator's tenant binding when the token has no tenant_id claim.</param>
    /// <param name="cursorSigner">Called once, by the audit function.</param>
    /// <param name="userPorts">Called once, by the reset or grace function.</param>
    public static AdminServices Create(ITenantPolicyAdminStore policies, IAuditReader auditReader, AuditTrail audit, TimeProvider time,
        TimeSpan policyCacheLifetime, TenantBindingReader bindings, Func<AuditCursorSigner> cursorSigner, Func<UserPorts> userPorts)
    {
        var authorizer = new TenantAdminAuthorizer(policies, bindings);
        var audited = new AuditedAdminAction(authorizer, audit);
        var destructive = new DestructiveAction(audit);
        // PublicationOnly: a missing setting fails that cold start and is not remembered as a failure.
        return new AdminServices(
            new(() => new TenantPolicyAdminService(authorizer, policies, audited), LazyThreadSafetyMode.PublicationOnly),
            new(() => new AuditSearchService(authorizer, auditReader, cursorSigner(), time), LazyThreadSafetyMode.PublicationOnly),
            new(() =>
            {
                var ports = userPorts();
                return new TotpResetService(audited, new AdminUserLookup(ports.UserPool),
                    new LostFactorRemoval(ports.UserPool, ports.Records, ports.RecoveryCodes), destructive);
            }, LazyThreadSafetyMode.PublicationOnly),
            new(() =>
            {
                var ports = userPorts();
                return new GraceGrantService(audited, new AdminUserLookup(ports.UserPool), ports.Grace, time);
            }, LazyThreadSafetyMode.PublicationOnly),
            policyCacheLifetime);
    }
}
