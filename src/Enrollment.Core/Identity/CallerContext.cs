namespace Enrollment.Core.Identity;

/// <summary>
/// Who is asking and from where, as the HTTP layer saw it. Holds no token, session or code, so it is
/// safe to log and to copy into audit events.
/// </summary>
public sealed record CallerContext
{
    public required string RequestId { get; init; }
    public string? SourceIp { get; init; }
    public string? UserAgent { get; init; }
    public string? AppVersion { get; init; }

    /// <summary>The app client: the token's client_id claim, or clientId of a session-route body (only public client ids, never an identity).</summary>
    public string? ClientId { get; init; }

    /// <summary>
    /// The username Cognito proved for this request: the verified token's username claim. Never a request body's
    /// username: the session routes leave it empty until Cognito has bound user, client and session together.
    /// </summary>
    public string? Username { get; init; }

    public string? UserSub { get; init; }

    /// <summary>The token's tenant_id claim, set by the pre-token-generation trigger.</summary>
    public string? TenantClaim { get; init; }

    /// <summary>The token's auth_time claim: when the user last signed in with credentials.</summary>
    public DateTimeOffset? AuthTime { get; init; }

    /// <summary>
    /// The token's mfa_enrollment_required claim, set by our pre-token-generation trigger when the user must
    /// enroll now (for an enrolled user: only after a recovery-code sign-in, when the old factor is lost).
    /// </summary>
    public bool EnrollmentRequired { get; init; }

    /// <summary>The token's mfa_enrollment_only claim: good for enrollment only (see <see cref="EnrollmentOnlyTokens"/>).</summary>
    public bool EnrollmentOnly { get; init; }
}
