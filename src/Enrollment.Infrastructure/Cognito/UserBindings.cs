using Enrollment.Core.Binding;
using Enrollment.Infrastructure.Cognito.Model;

namespace Enrollment.Infrastructure.Cognito;

/// <summary>A <see cref="UserBinding"/> from a GetUser or AdminGetUser answer: the username, the sub and custom:tenant_id.</summary>
internal static class UserBindings
{
    public const string SubAttribute = "sub";

    /// <summary>Null when the answer lacks a username or a sub (every Cognito user has both): the caller fails closed.</summary>
    public static UserBinding? From(string? username, IReadOnlyList<UserAttribute>? attributes)
    {
        var sub = attributes?.FirstOrDefault(a => a.Name == SubAttribute)?.Value;
        if (string.IsNullOrEmpty(username) || string.IsNullOrEmpty(sub)) return null;
        var tenant = attributes?.FirstOrDefault(a => a.Name == TenantBinding.Attribute)?.Value;
        return new UserBinding(username, sub, string.IsNullOrEmpty(tenant) ? null : tenant);
    }
}
