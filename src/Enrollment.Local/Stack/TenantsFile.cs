using Enrollment.Core.Errors;
using Enrollment.Core.Policy;
using Enrollment.Local.Cli;

namespace Enrollment.Local.Stack;

/// <summary>
/// The tenants `up` seeds: a JSON array of api.md policy documents, read with the same parser the policy store
/// uses, so a file that works here is a valid policy everywhere. <c>appClientIds</c> may be omitted.
/// </summary>
public static class TenantsFile
{
    /// <summary>The sample kept in the repository, relative to the template's folder.</summary>
    public static readonly string SampleRelativePath = Path.Combine("events", "tenants.sample.json");

    public static string SamplePath(string templateDirectory) => Path.Combine(templateDirectory, SampleRelativePath);

    public static IReadOnlyList<TenantPolicy> Load(string path)
    {
        if (!File.Exists(path)) throw new CliException($"Tenants file not found: {Path.GetFullPath(path)}.");
        IReadOnlyList<TenantPolicy> tenants;
        try
        {
            tenants = TenantPolicyDocument.ParseMany(File.ReadAllText(path));
        }
        catch (EnrollmentException ex)
        {
            throw new CliException($"{path}: {ex.Message}");
        }
        if (tenants.Count == 0) throw new CliException($"{path} lists no tenants; `up` needs at least one.");
        var duplicate = tenants.GroupBy(t => t.TenantId, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null) throw new CliException($"{path} lists tenant '{duplicate.Key}' more than once.");
        return tenants;
    }
}
