namespace Enrollment.Local.Stack;

/// <summary>
/// A demo user. The password is printed and stored in clear: it belongs to an emulator on loopback. With
/// <see cref="PasswordIsTemporary"/> (MFA ON) the first sign-in asks for a new password, then MFA_SETUP.
/// <see cref="Role"/> (an addition to api.md's shape): <c>user</c>, or <c>admin</c> for the tenant's administrator,
/// a member of the admin group <see cref="Group"/> (the policy's <c>admin.groupName</c>).
/// </summary>
public sealed record StackDemoUser(string TenantId, string Username, string Password, bool PasswordIsTemporary = false,
    string Role = StackDemoUser.UserRole, string? Group = null)
{
    public const string UserRole = "user";
    public const string AdminRole = "admin";
}
