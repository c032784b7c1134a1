using Enrollment.Core.Audit;
using Enrollment.Core.Limits;
using Enrollment.Core.Policy;
using Enrollment.Core.Recovery;
using Enrollment.Core.SignIn;
using Enrollment.Core.Totp;

namespace Enrollment.Functions.Hosting;

/// <summary>Everything the sign-in triggers read or write, as Core's ports. Tests pass fakes; production, DynamoDB adapters.</summary>
public sealed record TriggerPorts
{
    public required ITenantPolicyStore Policies { get; init; }
    public required IEnrollmentRecordStore Enrollments { get; init; }
    public required IGracePeriodStore Grace { get; init; }
    public required IRecoverySignInStore Recoveries { get; init; }
    public required IRecoveryCodeVerifier RecoveryCodes { get; init; }
    public required IRateLimiter Limiter { get; init; }
    public required IAuditLog Audit { get; init; }

    /// <summary>AdminGetUser (has a factor?) and AdminUserGlobalSignOut (after a recovery sign-in), on the event's pool.</summary>
    public required ISignInUserPool UserPool { get; init; }
}
