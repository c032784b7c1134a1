using Enrollment.Core.Admin;
using Enrollment.Core.Audit;
using Enrollment.Core.Enrollment;
using Enrollment.Core.Recovery;

namespace Enrollment.Functions.Hosting;

/// <summary>
/// The admin routes' services. Each is built on first use, so a function builds only its own and needs only its
/// own settings: the audit function the cursor secret, the reset function the user pool.
/// </summary>
public sealed class AdminServices
{
    private readonly Lazy<TenantPolicyAdminService> _policies;
    private readonly Lazy<AuditSearchService> _audit;
    private readonly Lazy<TotpResetService> _reset;

    private AdminServices(Lazy<TenantPolicyAdminService> policies, Lazy<AuditSearchService> audit, Lazy<TotpResetService> reset, TimeSpan policyCacheLifetime)
    {
        _policies = policies;
        _audit = audit;
        _reset = reset;
        PolicyCacheLifetime = policyCacheLifetime;
    }

    public TenantPolicyAdminService Policies => _policies.Value;
    public AuditSearchService Audit => _audit.Value;
    public TotpResetService Reset => _reset.Value;

    /// <summary>How long the other functions may serve a policy from memory (POLICY_CACHE_SECONDS): reported by PUT.</summary>
    public TimeSpan PolicyCacheLifetime { get; }

    /// <param name="policies">Uncached: authorization and versions must see the latest write.</param>
    /// <param name="cursorSigner">Called once, by the audit function.</param>
    /// <param name="resetPorts">Called once, by the reset function: the user pool's Admin* calls, the enrollment records, the recovery codes.</param>
    public static AdminServices Create(ITenantPolicyAdminStore policies, IAuditReader auditReader, AuditTrail audit, TimeProvider time,
        TimeSpan policyCacheLifetime, Func<AuditCursorSigner> cursorSigner, Func<(IUserPoolAdmin UserPool, IEnrollmentRecordStore Records, IRecoveryCodeStore RecoveryCodes)> resetPorts)
    {
        var authorizer = new TenantAdminAuthorizer(policies);
        var audited = new AuditedAdminAction(authorizer, audit);
        // PublicationOnly: a missing setting fails that cold start and is not remembered as a failure.
        return new AdminServices(
            new(() => new TenantPolicyAdminService(authorizer, policies, audited), LazyThreadSafetyMode.PublicationOnly),
            new(() => new AuditSearchService(authorizer, auditReader, cursorSigner(), time), LazyThreadSafetyMode.PublicationOnly),
            new(() =>
            {
                var (userPool, records, recoveryCodes) = resetPorts();
                return new TotpResetService(audited, records, recoveryCodes, userPool);
            }, LazyThreadSafetyMode.PublicationOnly),
            policyCacheLifetime);
    }
}
