using System.Text.Json;
using System.Text.Json.Serialization;
using Enrollment.Core.Errors;

namespace Enrollment.Core.Policy;

/// <summary>
/// The policy document's JSON form: camelCase, unknown fields rejected, defaults when absent, values
/// validated. Used by the policy store, the admin API and the local stack's tenants file.
/// </summary>
public static class TenantPolicyDocument
{
    public static TenantPolicy Parse(string json)
    {
        TenantPolicy? policy;
        try
        {
            policy = JsonSerializer.Deserialize(json, TenantPolicyJsonContext.Default.TenantPolicy);
        }
        catch (JsonException ex)
        {
            // The path names the field; the library message is not shown to callers.
            throw EnrollmentException.Invalid($"The policy document is not valid at '{FieldOf(ex)}': unknown field, wrong type or missing required field.", FieldOf(ex));
        }
        if (policy is null) throw EnrollmentException.Invalid("The policy document must be a JSON object.");
        return Validated(policy);
    }

    public static IReadOnlyList<TenantPolicy> ParseMany(string json)
    {
        List<TenantPolicy>? policies;
        try
        {
            policies = JsonSerializer.Deserialize(json, TenantPolicyJsonContext.Default.ListTenantPolicy);
        }
        catch (JsonException ex)
        {
            throw EnrollmentException.Invalid($"The tenants file is not valid at '{FieldOf(ex)}': unknown field, wrong type or missing required field.", FieldOf(ex));
        }
        if (policies is null) throw EnrollmentException.Invalid("The tenants file must be a JSON array of policy documents.");
        foreach (var p in policies) Validated(p);
        return policies;
    }

    public static string Serialize(TenantPolicy policy) => JsonSerializer.Serialize(policy, TenantPolicyJsonContext.Default.TenantPolicy);

    private static TenantPolicy Validated(TenantPolicy policy)
    {
        var error = PolicyValidator.Validate(policy);
        if (error is not null) throw EnrollmentException.Invalid($"The policy document is not valid: {error}.", error.Field);
        return policy;
    }

    private static string FieldOf(JsonException ex) => string.IsNullOrEmpty(ex.Path) ? "$" : ex.Path!.TrimStart('$', '.');
}

[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    RespectNullableAnnotations = true)]
[JsonSerializable(typeof(TenantPolicy))]
[JsonSerializable(typeof(List<TenantPolicy>))]
internal sealed partial class TenantPolicyJsonContext : JsonSerializerContext;
