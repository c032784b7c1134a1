using System.Text.Json;
using System.Text.Json.Nodes;
using Enrollment.Core.Errors;
using Enrollment.Core.Policy;

namespace Enrollment.Core.Admin;

/// <summary>
/// A policy document sent by an administrator for the tenant in the path. <c>tenantId</c> may be left out (the
/// path names it) or must equal the path's; a duplicated field is refused (two <c>tenantId</c>s must not be read
/// one way here and another way later). The rest is <see cref="TenantPolicyDocument.Parse"/>: unknown fields and bad
/// values are a VALIDATION_ERROR whose reason is the field's JSON path.
/// </summary>
public static class AdminPolicyDocument
{
    private static readonly JsonDocumentOptions Strict = new() { AllowDuplicateProperties = false, MaxDepth = 16 };

    public static TenantPolicy ParseFor(string json, string tenantId)
    {
        JsonNode? node;
        try
        {
            node = JsonNode.Parse(json, nodeOptions: null, documentOptions: Strict);
        }
        catch (JsonException)
        {
            throw EnrollmentException.Invalid("The body is not valid JSON (or repeats a field).", "body");
        }
        if (node is not JsonObject document)
            throw EnrollmentException.Invalid("The body must be a policy document (a JSON object).", "body");

        if (document.TryGetPropertyValue("tenantId", out var named))
        {
            if (named is not JsonValue value || value.GetValueKind() != JsonValueKind.String || value.GetValue<string>() != tenantId)
                throw EnrollmentException.Invalid("tenantId in the body must be the tenant of the path, or be left out.", "tenantId");
        }
        else
        {
            document["tenantId"] = tenantId;
        }
        return TenantPolicyDocument.Parse(document.ToJsonString());
    }
}
