using Enrollment.Core.Audit;
using Enrollment.Core.Enrollment;
using Enrollment.Core.Errors;
using Enrollment.Core.Policy;

namespace Enrollment.Core.SignIn;

/// <summary>
/// Pre token generation (V2): the tenant claim and the user's MFA state in both tokens, and, for a user who must
/// enroll now (past the grace period, or after a recovery sign-in), an access token whose only scope is the one
/// enrollment needs. Runs for every token Cognito issues, refreshes included, so a state change applies at the
/// next refresh. Fails closed: a port failure fails the token request.
/// </summary>
public sealed class TokenClaimsService(
    ITenantPolicyStore policies,
    IEnrollmentRecordStore enrollments,
    IGracePeriodStore grace,
    IRecoverySignInStore recoveries,
    AuditTrail audit,
    TimeProvider time)
{
    public async Task<TokenCustomization> CustomizeAsync(SignInAttempt attempt, IReadOnlyList<string> scopes, CancellationToken cancellationToken)
    {
        CompiledTenantPolicy? policy = null;
        try
        {
            policy = await policies.FindByClientIdAsync(attempt.ClientId, cancellationToken);
            var result = policy is null
                ? TokenCustomization.None(SignInReasons.TenantNotFound) // an app client of no tenant: nothing to say about it
                : await DecideAsync(policy, attempt, scopes, cancellationToken);
            var outcome = policy is null ? AuditOutcome.Failed : AuditOutcome.Success;
            await audit.RecordOutcomeAsync(AuditEventType.AuthChallenge, attempt.Caller, policy, outcome, result.Reason, cancellationToken);
            return result;
        }
        catch (EnrollmentException failure)
        {
            try
            {
                await audit.RecordAsync(AuditEventType.AuthChallenge, attempt.Caller, policy, failure, cancellationToken);
            }
            catch (EnrollmentException)
            {
                // The audit store is down too; the token request fails anyway.
            }
            throw;
        }
    }

    private async Task<TokenCustomization> DecideAsync(CompiledTenantPolicy policy, SignInAttempt attempt, IReadOnlyList<string> scopes, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var recordTask = enrollments.GetAsync(policy.TenantId, attempt.Username, cancellationToken);
        var recoveryTask = recoveries.GetLastAsync(policy.TenantId, attempt.Username, cancellationToken);
        await Task.WhenAll(recordTask, recoveryTask);
        var record = recordTask.Result;
        var lastRecovery = recoveryTask.Result;

        // After a recovery sign-in, Cognito still holds the lost authenticator: until a newer enrollment, enroll only.
        var recovered = lastRecovery is { } recoveredAt && (record is null || record.EnrolledAt < recoveredAt);
        var enrolled = record is not null && !recovered;

        GraceWindow? window = null;
        if (policy.Policy.Mfa.Required && record is null)
            window = GraceWindow.From(await grace.GetOrStartAsync(policy.TenantId, attempt.Username, now, cancellationToken), policy.Policy.Mfa.GracePeriodDays);

        var enrollmentRequired = recovered || window is not null;
        var enrollmentOnly = recovered || (window is not null && !window.IsActiveAt(now));

        var claims = new Dictionary<string, string>
        {
            [TokenClaimNames.TenantId] = policy.TenantId,
            [TokenClaimNames.MfaEnrolled] = enrolled ? "true" : "false",
            [TokenClaimNames.MfaEnrollmentRequired] = enrollmentRequired ? "true" : "false",
        };
        if (enrollmentOnly) claims[TokenClaimNames.MfaEnrollmentOnly] = "true";
        if (window is not null) claims[TokenClaimNames.MfaGraceEndsAt] = SignInService.Iso(window.EndsAt);

        // Tokens from InitiateAuth carry only the enrollment scope, so suppression bites on OAuth tokens; the
        // mfa_enrollment_only claim is what APIs check in every case.
        IReadOnlyList<string> suppress = enrollmentOnly
            ? scopes.Where(s => s != TokenClaimNames.EnrollmentScope).Distinct(StringComparer.Ordinal).ToList()
            : [];
        var reason = enrollmentOnly ? SignInReasons.TokensEnrollmentOnly
            : enrollmentRequired ? SignInReasons.TokensEnrollmentGrace
            : SignInReasons.TokensFullAccess;
        return new TokenCustomization(claims, suppress, reason);
    }
}
