namespace Enrollment.Core.Audit;

/// <summary>
/// One attempt, allowed or denied, as the security team reads it (api.md "Audit events").
/// Holds no secret, token, session or TOTP code by construction: none of those types reach it.
/// </summary>
public sealed record AuditEvent
{
    public required string TenantId { get; init; }
    public string? UserSub { get; init; }
    public string? Username { get; init; }
    public required string EventType { get; init; }
    public required string Outcome { get; init; }
    public string? Reason { get; init; }
    public required string RequestId { get; init; }
    public required DateTimeOffset OccurredAt { get; init; }
    public string? ClientId { get; init; }
    public string? SourceIp { get; init; }
    public string? UserAgent { get; init; }
    public string? AppVersion { get; init; }
    public string? DeviceName { get; init; }

    /// <summary>Who acted on the user's behalf (an administrator), when not the user.</summary>
    public string? Actor { get; init; }

    /// <summary>How an authenticator was removed (TOTP_RECOVERY, TOTP_ADMIN_RESET): DELETED or PREFERENCE_DISABLED.</summary>
    public string? FactorRemoval { get; init; }

    /// <summary>After a removed factor: SIGNED_OUT (every session revoked), or why the sign-out failed (see GlobalSignOut).</summary>
    public string? SignOut { get; init; }

    /// <summary>The acting administrator's sub: a username can be reused after its user is deleted, a sub cannot.</summary>
    public string? ActorSub { get; init; }

    /// <summary>TTL, epoch seconds, from the tenant's retention.</summary>
    public required long ExpiresAt { get; init; }
}
