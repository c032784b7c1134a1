namespace Enrollment.Local.Stack;

/// <summary>
/// A demo user. The password is printed and stored in clear: it belongs to an emulator on loopback. With
/// <see cref="PasswordIsTemporary"/> (MFA ON) the first sign-in asks for a new password, then MFA_SETUP.
/// </summary>
public sealed record StackDemoUser(string TenantId, string Username, string Password, bool PasswordIsTemporary = false);
