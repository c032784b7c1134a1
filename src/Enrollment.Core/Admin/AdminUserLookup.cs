using Enrollment.Core.Binding;
using Enrollment.Core.Errors;
using Enrollment.Core.UserPool;

namespace Enrollment.Core.Admin;

/// <summary>
/// The user an administrator names in a path, as the pool knows them: a member of the administrator's tenant when the
/// user's immutable tenant binding (custom:tenant_id, read with AdminGetUser) names that tenant. No user, a user of
/// another tenant and a user without a binding are the same NOT_FOUND, so the answer reveals no other tenant's users.
/// </summary>
public sealed class AdminUserLookup(IUserPoolAdmin userPool)
{
    public const string NotFoundMessage = "No user of this tenant has this username.";

    public async Task<UserBinding> MemberAsync(TenantAdministrator admin, string username, CancellationToken cancellationToken)
    {
        var user = await userPool.FindUserAsync(username, cancellationToken);
        return user is not null && string.Equals(user.TenantId, admin.TenantId, StringComparison.Ordinal)
            ? user
            : throw new EnrollmentException(ErrorCode.NotFound, NotFoundMessage);
    }
}
