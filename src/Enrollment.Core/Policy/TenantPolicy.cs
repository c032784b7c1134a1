using System.Text.Json.Serialization;
using Enrollment.Core.Identity;

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
    public MfaRules Mfa { get; set; } = new();
    public RecoveryRules Recovery { get; set; } = new();
    public SignInRules SignIn { get; set; } = new();
    public AdminSettings Admin { get; set; } = new();

    /// <summary>The issuer shown in authenticator apps: the display name, else the tenant id.</summary>
    [JsonIgnore]
    public string Issuer => string.IsNullOrWhiteSpace(DisplayName) ? TenantId : DisplayName!;

    /// <summary>The Cognito group of this tenant's administrators: admin.groupName, else "{tenantId}-enrollment-admins".</summary>
    [JsonIgnore]
    public string AdminGroupName => string.IsNullOrWhiteSpace(Admin.GroupName) ? TenantId + AdminSettings.DefaultGroupSuffix : Admin.GroupName!;
}

public sealed record EnrollmentRules
{
    public bool Enabled { get; set; } = true;
    public string? MinAppVersion { get; set; }
    public IReadOnlyList<string> AllowedNetworks { get; set; } = [];
    public int MaxAssociationsPerHour { get; set; } = 5;
    public bool AllowReplace { get; set; }

    /// <summary>Replacing or removing a factor needs a sign-in (auth_time) at most this old.</summary>
    public int ReauthenticationMaxAgeSeconds { get; set; } = 300;
}

public sealed record VerificationRules
{
    public int MaxFailuresPerHour { get; set; } = 5;
}

public sealed record AuditSettings
{
    public int RetentionDays { get; set; } = 365;
}

/// <summary>Per-tenant MFA requirement, carried into sign-in by the auth-challenge triggers.</summary>
public sealed record MfaRules
{
    /// <summary>Users of this tenant must have TOTP; unenrolled users are sent to enrollment.</summary>
    public bool Required { get; set; }

    /// <summary>Days an unenrolled user may still sign in normally, counted from the first sign-in the triggers see.</summary>
    public int GracePeriodDays { get; set; }

    /// <summary>Whether a user may remove their own authenticator (DELETE /v1/me/totp).</summary>
    public bool AllowDisable { get; set; } = true;

    /// <summary>
    /// Whether a software token that Cognito holds but that was not set up through this service (no enrollment
    /// record: set up directly at Cognito, around the policy) counts as enrolled at sign-in. Either way the sign-in
    /// triggers audit it (FACTOR_OUTSIDE_POLICY).
    /// </summary>
    public bool AcceptFactorsOutsidePolicy { get; set; }
}

public sealed record RecoveryRules
{
    /// <summary>One-time recovery codes issued after a successful verify; 0 turns recovery codes off.</summary>
    public int CodeCount { get; set; } = 10;

    /// <summary>Recovery attempts per hour, per username and per source IP.</summary>
    public int MaxAttemptsPerHour { get; set; } = 5;
}

public sealed record SignInRules
{
    /// <summary>Wrong answers to custom challenges before the sign-in fails.</summary>
    public int MaxChallengeFailures { get; set; } = 3;
}

public sealed record AdminSettings
{
    public const string DefaultGroupSuffix = "-enrollment-admins";

    /// <summary>
    /// The Cognito group whose members administer this tenant; absent means "{tenantId}-enrollment-admins".
    /// Groups are pool-wide, so a group belongs to one tenant at most: the policy store refuses a group that
    /// another tenant holds (else that tenant's administrators, signing in through this tenant's app, would
    /// administer it too).
    /// </summary>
    public string? GroupName { get; set; }
}
