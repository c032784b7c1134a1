using Enrollment.Core.Audit;
using Enrollment.Core.Errors;
using Enrollment.Core.Policy;
using Enrollment.Core.Totp;

namespace Enrollment.Core.SignIn;

/// <summary>
/// Reads <see cref="FactorStanding"/>: our record (DynamoDB) and Cognito's answer, side by side. Cognito's answer is
/// this sign-in's passed SOFTWARE_TOKEN_MFA when there is one (no call), else AdminGetUser. A disagreement is
/// audited as its own AUTH_CHALLENGE event (FACTOR_OUTSIDE_POLICY, FACTOR_REMOVED_OUTSIDE_API): DENIED when it
/// costs the user "enrolled", SUCCESS when the tenant accepts the factor.
/// </summary>
public sealed class FactorReader(IEnrollmentRecordStore enrollments, ISignInUserPool userPool, AuditTrail audit)
{
    public async Task<FactorStanding> ReadAsync(CompiledTenantPolicy policy, SignInAttempt attempt, bool passedInSession, CancellationToken cancellationToken)
    {
        if (attempt.UserNotFound) return FactorStanding.None;
        if (string.IsNullOrEmpty(attempt.UserPoolId))
            throw EnrollmentException.Invalid("The event has no userPoolId.", "userPoolId");

        var record = enrollments.GetAsync(policy.TenantId, attempt.StateKey, cancellationToken);
        var factor = passedInSession ? Task.FromResult(true) : userPool.HasSoftwareTokenAsync(attempt.UserPoolId, attempt.Username, cancellationToken);
        await Task.WhenAll(record, factor);

        var standing = new FactorStanding(factor.Result, record.Result, policy.Policy.Mfa.AcceptFactorsOutsidePolicy);
        if (standing.Finding is { } finding)
            await audit.RecordOutcomeAsync(AuditEventType.AuthChallenge, attempt.Caller, policy,
                standing.Enrolled ? AuditOutcome.Success : AuditOutcome.Denied, finding, cancellationToken);
        return standing;
    }
}
