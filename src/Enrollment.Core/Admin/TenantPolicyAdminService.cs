using Enrollment.Core.Audit;
using Enrollment.Core.Errors;
using Enrollment.Core.Policy;

namespace Enrollment.Core.Admin;

/// <summary>
/// GET and PUT /v1/admin/tenants/{tenantId}/policy. A write replaces the whole document (absent fields take their
/// defaults), only if the stored version is still the one the administrator read (optimistic concurrency: a stale
/// write is CONFLICT), and is audited as POLICY_UPDATED with the administrator as actor. Other functions keep a
/// policy in memory for up to POLICY_CACHE_SECONDS, so a change reaches them within that time; the admin routes
/// read uncached, so a change of the admin group or app clients applies to the next admin request.
/// </summary>
public sealed class TenantPolicyAdminService(TenantAdminAuthorizer authorizer, ITenantPolicyAdminStore store, AuditedAdminAction audited)
{
    /// <summary>Audit reason of a successful update after which the writer is no longer an administrator.</summary>
    public const string AdminAccessRemovedReason = "ADMIN_ACCESS_REMOVED";

    public async Task<CompiledTenantPolicy> GetAsync(AdminCaller caller, string tenantId, CancellationToken cancellationToken) =>
        (await authorizer.AuthorizeAsync(caller, tenantId, cancellationToken)).Demand().Policy;

    /// <param name="document">Already parsed and validated (<see cref="AdminPolicyDocument.ParseFor"/>).</param>
    /// <param name="expectedVersion">The version the administrator read (If-Match).</param>
    public Task<PolicyUpdateResult> UpdateAsync(AdminCaller caller, string tenantId, TenantPolicy document, long expectedVersion, CancellationToken cancellationToken)
    {
        if (document.TenantId != tenantId)
            throw EnrollmentException.Invalid("tenantId in the body must be the tenant of the path.", "tenantId");
        if (expectedVersion < 1)
            throw EnrollmentException.Invalid("The expected version must be a version read from this API (1 or more).", "if-match");

        var self = new AuditSubject(caller.Caller.Username, caller.Caller.UserSub);
        return audited.RunAsync(AuditEventType.PolicyUpdated, caller, tenantId, self, async (_, record) =>
        {
            var stored = await store.PutAsync(document, expectedVersion, cancellationToken);
            var remainsAdmin = caller.IsInGroup(document.AdminGroupName)
                && document.AppClientIds.Contains(caller.Caller.ClientId ?? "", StringComparer.Ordinal);
            if (!remainsAdmin) record.SuccessReason = AdminAccessRemovedReason;
            return new PolicyUpdateResult(stored, remainsAdmin);
        }, cancellationToken);
    }
}
