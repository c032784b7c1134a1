using Enrollment.Core.Binding;
using Enrollment.Infrastructure.Cognito;
using Enrollment.Infrastructure.Cognito.Model;

using Enrollment.Local.Cognito;

namespace Enrollment.Local.Stack;

/// <summary>
/// Creates the demo users of a tenant, with random passwords the policy accepts: <c>{tenantId}-user</c>, and
/// <c>{tenantId}-admin</c>, a member of the tenant's admin group (created here, named by the policy). Each is created
/// with its tenant binding, the immutable <c>custom:tenant_id</c>, as docs/operations-users.md tells operators to.
/// </summary>
public sealed class DemoUserProvisioner(CognitoIdentityProviderClient cognito)
{
    public static string UsernameFor(string tenantId) => $"{tenantId}-user";

    public static string AdminUsernameFor(string tenantId) => $"{tenantId}-admin";

    /// <param name="temporary">
    /// True for a pool with MFA ON: moto sends a user to MFA_SETUP only after NEW_PASSWORD_REQUIRED, so the user keeps
    /// the temporary password and sets a new one at first sign-in. False gives a confirmed user with a permanent password.
    /// </param>
    public async Task<DemoUser> CreateAsync(string poolId, string tenantId, PasswordRules passwords, bool temporary, CancellationToken cancellationToken)
    {
        var username = UsernameFor(tenantId);
        var password = await CreateUserAsync(poolId, tenantId, username, passwords, temporary, cancellationToken).ConfigureAwait(false);
        return new DemoUser(tenantId, username, password, temporary);
    }

    /// <summary>
    /// The tenant's admin group (<paramref name="groupName"/>, the policy's <c>AdminGroupName</c>) and its one member,
    /// <c>{tenantId}-admin</c>, created as the demo user is (<paramref name="temporary"/> likewise). Groups enter the
    /// access token (<c>cognito:groups</c>) at sign-in, so the administrator's first sign-in already carries it.
    /// </summary>
    public async Task<DemoUser> CreateAdminAsync(string poolId, string tenantId, string groupName, PasswordRules passwords, bool temporary, CancellationToken cancellationToken)
    {
        await cognito.CreateGroupAsync(new CreateGroupRequest
        {
            UserPoolId = poolId,
            GroupName = groupName,
            Description = $"Administrators of tenant {tenantId} (enrollment admin API)",
        }, cancellationToken).ConfigureAwait(false);
        var username = AdminUsernameFor(tenantId);
        var password = await CreateUserAsync(poolId, tenantId, username, passwords, temporary, cancellationToken).ConfigureAwait(false);
        await cognito.AdminAddUserToGroupAsync(new AdminAddUserToGroupRequest
        {
            UserPoolId = poolId, Username = username, GroupName = groupName,
        }, cancellationToken).ConfigureAwait(false);
        return new DemoUser(tenantId, username, password, temporary, StackDemoUser.AdminRole, groupName);
    }

    private async Task<string> CreateUserAsync(string poolId, string tenantId, string username, PasswordRules passwords, bool temporary, CancellationToken cancellationToken)
    {
        var password = DemoPassword.Generate(passwords);
        await cognito.AdminCreateUserAsync(new AdminCreateUserRequest
        {
            UserPoolId = poolId,
            Username = username,
            UserAttributes = [new UserAttribute { Name = TenantBinding.Attribute, Value = tenantId }],
            TemporaryPassword = temporary ? password : DemoPassword.Generate(passwords),
            MessageAction = "SUPPRESS",
        }, cancellationToken).ConfigureAwait(false);
        if (!temporary)
        {
            await cognito.AdminSetUserPasswordAsync(new AdminSetUserPasswordRequest
            {
                UserPoolId = poolId, Username = username, Password = password, Permanent = true,
            }, cancellationToken).ConfigureAwait(false);
        }
        return password;
    }
}
