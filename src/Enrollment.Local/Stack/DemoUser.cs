namespace Enrollment.Local.Stack;

/// <summary>
/// A demo user of a tenant. With <see cref="PasswordIsTemporary"/> the first sign-in answers NEW_PASSWORD_REQUIRED
/// (then MFA_SETUP in a pool that requires MFA); otherwise the password is permanent and sign-in gives tokens.
/// </summary>
public sealed record DemoUser(string TenantId, string Username, string Password, bool PasswordIsTemporary);
