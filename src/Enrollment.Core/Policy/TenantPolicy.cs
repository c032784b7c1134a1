namespace Enrollment.Core.Policy;

/// <summary>
/// The tenant policy document of api.md. Absent fields take the defaults below; unknown fields are
/// rejected when a document is parsed (see <see cref="TenantPolicyDocument"/>).
/// Setters, not init: System.Text.Json source generation resets absent init-only members to default,
/// which would lose the defaults below. Treat instances as immutable; use `with` to vary them.
/// </summary>
public sealed record TenantPolicy
{
    public string TenantId { get; set; } = "";
    public string? DisplayName { get; set; }
    public IReadOnlyList<string> AppClientIds { get; set; } = [];
    public EnrollmentRules Enrollment { get; set; } = new();
    public VerificationRules Verification { get; set; } = new();
    public AuditSettings Audit { get; set; } = new();

    /// <summary>The issuer shown in authenticator apps: the display name, else the tenant id.</summary>
    public string Issuer => string.IsNullOrWhiteSpace(DisplayName) ? TenantId : DisplayName!;
}

public sealed record EnrollmentRules
{
    public bool Enabled { get; set; } = true;
    public string? MinAppVersion { get; set; }
    public IReadOnlyList<string> AllowedNetworks { get; set; } = [];
    public int MaxAssociationsPerHour { get; set; } = 5;
    public bool AllowReplace { get; set; }
}

public sealed record VerificationRules
{
    public int MaxFailuresPerHour { get; set; } = 5;
}

public sealed record AuditSettings
{
    public int RetentionDays { get; set; } = 365;
}
