using Enrollment.Core.Policy;

namespace Enrollment.Core.Admin;

/// <summary>
/// The stored policy with its new version, and whether the administrator who wrote it still administers the tenant
/// under it (false when the change moved <c>admin.groupName</c> to a group the caller's token does not list, or
/// dropped the caller's app client): the change is allowed, but never silent.
/// </summary>
public sealed record PolicyUpdateResult(CompiledTenantPolicy Policy, bool CallerRemainsAdmin);
