namespace Enrollment.Local.Tests.Stack;

/// <summary>A temporary tenants file (api.md policy documents, appClientIds omitted), deleted with the test's other files.</summary>
public static class TenantsFileBuilder
{
    /// <summary>A tenant that allows this machine (loopback) and any app version unless <paramref name="minAppVersion"/>.</summary>
    public static string Tenant(string tenantId, string? minAppVersion = null, string[]? networks = null)
    {
        var nets = string.Join(", ", (networks ?? ["127.0.0.0/8", "::1/128"]).Select(n => $"\"{n}\""));
        var min = minAppVersion is null ? "" : $"\"minAppVersion\": \"{minAppVersion}\", ";
        return $$$"""
            {"tenantId": "{{{tenantId}}}", "displayName": "{{{tenantId}}} Inc", "enrollment": {"enabled": true, {{{min}}}"allowedNetworks": [{{{nets}}}], "maxAssociationsPerHour": 20}}
            """;
    }

    public static string Write(string directory, params string[] tenants)
    {
        var path = Path.Combine(directory, "tenants.json");
        File.WriteAllText(path, "[\n" + string.Join(",\n", tenants) + "\n]\n");
        return path;
    }
}
