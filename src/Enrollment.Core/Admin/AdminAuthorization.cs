using Enrollment.Core.Errors;
using Enrollment.Core.Policy;

namespace Enrollment.Core.Admin;

/// <summary>
/// The answer of <see cref="TenantAdminAuthorizer"/>. <see cref="OwnTenant"/> is the requested tenant's policy when
/// the caller belongs to that tenant (administrator or not): the audit events of a denied action go there, so a
/// tenant's administrators see their own users' attempts, and a probe of another tenant writes nothing into it.
/// </summary>
public sealed record AdminAuthorization(TenantAdministrator? Administrator, CompiledTenantPolicy? OwnTenant)
{
    public const string DeniedMessage = "You are not an administrator of this tenant.";

    /// <summary>The administrator, or POLICY_DENIED / NOT_TENANT_ADMIN: one answer for every refusal.</summary>
    public TenantAdministrator Demand() => Administrator ?? throw Denied();

    public static EnrollmentException Denied() => EnrollmentException.Denied(ErrorReasons.NotTenantAdmin, DeniedMessage);
}
