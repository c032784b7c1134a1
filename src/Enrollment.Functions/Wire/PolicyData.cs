using System.Text.Json;
using Enrollment.Core.Policy;

namespace Enrollment.Functions.Wire;

/// <summary>
/// GET and PUT policy answers: the document as stored (every field, defaults filled in) and its version, which the
/// next PUT sends back in if-match. <paramref name="CallerRemainsAdmin"/> and <paramref name="PropagationSeconds"/>
/// come only with PUT.
/// </summary>
public sealed record PolicyData(long Version, JsonElement Policy, bool? CallerRemainsAdmin = null, int? PropagationSeconds = null)
{
    public static PolicyData Of(CompiledTenantPolicy stored, bool? callerRemainsAdmin = null, int? propagationSeconds = null)
    {
        // The effective admin group too, so an administrator sees which group governs the tenant even by default.
        var shown = stored.Policy with { Admin = stored.Policy.Admin with { GroupName = stored.Policy.AdminGroupName } };
        using var document = JsonDocument.Parse(TenantPolicyDocument.Serialize(shown));
        return new PolicyData(stored.Version, document.RootElement.Clone(), callerRemainsAdmin, propagationSeconds);
    }
}
