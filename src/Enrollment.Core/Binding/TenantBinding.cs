namespace Enrollment.Core.Binding;

/// <summary>
/// Where a user's tenant is written: the immutable custom attribute set when the user is created (template.yaml's
/// pool schema: String, 1..64, Mutable false; absent from every app client's WriteAttributes, so no user can set
/// it), and the access/ID token claim the pre token generation trigger copies it into.
/// </summary>
public static class TenantBinding
{
    /// <summary>The user attribute, as Cognito names custom attributes in requests, responses and trigger events.</summary>
    public const string Attribute = "custom:tenant_id";

    public const int MaxLength = 64;
}
