namespace Enrollment.Local.Stack;

/// <summary>A tenant and the app client `up` created for it.</summary>
public sealed record StackTenant(string TenantId, string ClientId);
