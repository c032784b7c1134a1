using Enrollment.Core.Enrollment;

namespace Enrollment.Core.Recovery;

/// <summary>
/// The one counter of recovery-code attempts per user and hour (the tenant's <c>recovery.maxAttemptsPerHour</c>),
/// shared by both recovery paths (POST /v1/recovery/totp and the RECOVERY_CODE sign-in), so a guesser cannot get
/// twice the budget by alternating them. Keyed by the user's immutable <c>sub</c>.
/// </summary>
public static class RecoveryAttempts
{
    /// <summary>The counter's action name: the one place it is spelled.</summary>
    public const string Action = "RECOVERY";

    public static RateLimitCounter ForUser(string tenantId, string userSub, DateTimeOffset now) =>
        RateLimitCounter.Hourly(tenantId, userSub, Action, now);
}
