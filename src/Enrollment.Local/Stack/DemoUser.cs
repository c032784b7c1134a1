namespace Enrollment.Local.Stack;

/// <summary>
/// A demo user of a tenant. With <see cref="PasswordIsTemporary"/> the first sign-in answers NEW_PASSWORD_REQUIRED
/// (then MFA_SETUP in a pool that requires MFA); otherwise the password is permanent and sign-in gives tokens.
/// <see cref="Role"/> is <see cref="StackDemoUser.UserRole"/> or <see cref="StackDemoUser.AdminRole"/>; an
/// administrator is a member of <see cref="GroupName"/>, the tenant's admin group.
/// </summary>
public sealed record DemoUser(string TenantId, string Username, string Password, bool PasswordIsTemporary,
    string Role = StackDemoUser.UserRole, string? GroupName = null);
