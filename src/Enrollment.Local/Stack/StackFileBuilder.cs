using Enrollment.Local.Api;
using Enrollment.Local.Template;

namespace Enrollment.Local.Stack;

/// <summary>The stack file of a running `up`, from what it created and the template as the running stack resolves it.</summary>
internal static class StackFileBuilder
{
    public static StackFile Build(Uri apiUrl, string endpoint, string region, ProvisionedStack stack, SamTemplate served, JwtAuthorizerSettings? authorizer, int emulatorPid, string recoveryCodePepper) => new()
    {
        ApiUrl = apiUrl.ToString().TrimEnd('/'),
        Region = region,
        Endpoints = new StackEndpoints(endpoint, endpoint),
        UserPoolId = stack.UserPoolId,
        Tables = TableKeys(served, stack),
        Tenants = stack.Tenants.Select(t => new StackTenant(t.TenantId, t.ClientId)).ToList(),
        DemoUsers = stack.DemoUsers.Select(u => new StackDemoUser(u.TenantId, u.Username, u.Password, u.PasswordIsTemporary, u.Role, u.GroupName)).ToList(),
        PoolMfa = stack.PoolMfaConfiguration,
        Issuer = authorizer?.Issuer,
        JwksUrl = authorizer?.JwksUri?.ToString(),
        ProcessId = Environment.ProcessId,
        EmulatorPid = emulatorPid,
        RecoveryCodePepper = recoveryCodePepper,
    };

    /// <summary>
    /// The stack file's table keys, from the functions' variables: AUDIT_TABLE_NAME is "audit", USER_STATE_TABLE_NAME
    /// "userState"; a table no variable names keeps its logical id.
    /// </summary>
    private static Dictionary<string, string> TableKeys(SamTemplate template, ProvisionedStack stack)
    {
        const string suffix = "_TABLE_NAME";
        var byName = template.Functions.Values
            .SelectMany(f => f.Environment)
            .Where(v => v.Key.EndsWith(suffix, StringComparison.Ordinal))
            .GroupBy(v => v.Value, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => CamelCase(g.First().Key[..^suffix.Length]), StringComparer.Ordinal);
        return stack.TableNamesByLogicalId.ToDictionary(
            t => byName.GetValueOrDefault(t.Value) ?? t.Key,
            t => t.Value,
            StringComparer.Ordinal);
    }

    private static string CamelCase(string upperSnake)
    {
        var parts = upperSnake.ToLowerInvariant().Split('_', StringSplitOptions.RemoveEmptyEntries);
        return parts[0] + string.Concat(parts.Skip(1).Select(p => char.ToUpperInvariant(p[0]) + p[1..]));
    }
}
