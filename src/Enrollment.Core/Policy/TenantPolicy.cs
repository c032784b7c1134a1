namespace Enrollment.Core.Policy;

/// <summary>
/// The tenant policy document of api.md. Absent fields take the defaults below; unknown fields are
/// rejected when a document is parsed (see <see cref="TenantPolicyDocument"/>).
/// </summary>
public sealed record TenantPolicy
{
    public required string TenantId { get; init; }
    public string? DisplayName { get; init; }
    public IReadOnlyList<string> AppClientIds { get; init; } = [];
    public EnrollmentRules Enrollment { get; init; } = new();
    public VerificationRules Verification { get; init; } = new();
    public AuditSettings Audit { get; init; } = new();

    /// <summary>The issuer shown in authenticator apps: the display name, else the tenant id.</summary>
    public string Issuer => string.IsNullOrWhiteSpace(DisplayName) ? TenantId : DisplayName!;
}

public sealed record EnrollmentRules
{
    public bool Enabled { get; init; } = true;
    public string? MinAppVersion { get; init; }
    public IReadOnlyList<string> AllowedNetworks { get; init; } = [];
    public int MaxAssociationsPerHour { get; init; } = 5;
    public bool AllowReplace { get; init; }
}

public sealed record VerificationRules
{
    public int MaxFailuresPerHour { get; init; } = 5;
}

public sealed record AuditSettings
{
    public int RetentionDays { get; init; } = 365;
}
