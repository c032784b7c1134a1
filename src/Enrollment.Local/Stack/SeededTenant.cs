using Enrollment.Core.Identity;
using Enrollment.Core.Policy;

namespace Enrollment.Local.Stack;

/// <summary>A tenant as `up` stored it: its policy (with the created app client added) and that client's id.</summary>
public sealed record SeededTenant(string TenantId, string ClientId, TenantPolicy Policy);
