namespace Enrollment.Core.Binding;

/// <summary>
/// A user of the pool as Cognito names them: the pool's own spelling of the username, the immutable <c>sub</c>
/// (the key of every item of user state), and the tenant the user belongs to (<see cref="TenantBinding.Attribute"/>;
/// null when the user was created without one).
/// </summary>
public sealed record UserBinding(string Username, string Sub, string? TenantId);
