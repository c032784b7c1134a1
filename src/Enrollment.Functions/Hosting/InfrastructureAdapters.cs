using Enrollment.Core.Audit;
using Enrollment.Core.Limits;
using Enrollment.Core.Policy;
using Enrollment.Core.Recovery;
using Enrollment.Core.Totp;

namespace Enrollment.Functions.Hosting;

/// <summary>The ports the infrastructure branch implements, as the triggers need them.</summary>
public sealed record InfrastructureAdapters(
    ITenantPolicyStore Policies,
    IEnrollmentRecordStore Enrollments,
    IRecoveryCodeVerifier RecoveryCodes,
    IRateLimiter Limiter,
    IAuditLog Audit);
