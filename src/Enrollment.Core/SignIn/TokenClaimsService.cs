using Enrollment.Core.Audit;
using Enrollment.Core.Errors;
using Enrollment.Core.Identity;
using Enrollment.Core.Policy;
using Enrollment.Core.Time;
using Enrollment.Core.Totp;

namespace Enrollment.Core.SignIn;

/// <summary>
/// Pre token generation (V2): the tenant claim (from the user's binding) and the user's MFA state in both tokens,
/// and, for a user who must enroll now (past the grace period, or after a recovery sign-in), an access token whose
/// only scope is the one enrollment needs. Runs for every token Cognito issues, refreshes included, so a state
/// change (a factor removed at Cognito, a new enrollment) applies at the next refresh. Fails closed: a user of no
/// tenant or of another tenant than the client's, a restriction that cannot be applied, or a port failure fails the
/// token request (after an audit event, when the audit store takes it).
/// </summary>
public sealed class TokenClaimsService
{
    private readonly IRecoverySignInStore _recoveries;
    private readonly AuditTrail _audit;
    private readonly TimeProvider _time;
    private readonly SignInTenantResolver _tenants;
    private readonly FactorReader _factors;
    private readonly SignInGrace _grace;

    public TokenClaimsService(ITenantPolicyStore policies, IEnrollmentRecordStore enrollments, IGracePeriodStore grace,
        IRecoverySignInStore recoveries, ISignInUserPool userPool, AuditTrail audit, TimeProvider time)
    {
        _recoveries = recoveries;
        _audit = audit;
        _time = time;
        _tenants = new SignInTenantResolver(policies);
        _factors = new FactorReader(enrollments, userPool, audit);
        _grace = new SignInGrace(grace, time);
    }

    /// <param name="scopes">request.scopes as Cognito sent them; null when absent (then no restriction can be applied).</param>
    public async Task<TokenCustomization> CustomizeAsync(SignInAttempt attempt, IReadOnlyList<string>? scopes, CancellationToken cancellationToken)
    {
        CompiledTenantPolicy? policy = null;
        var recorded = false;
        try
        {
            var tenant = await _tenants.ResolveAsync(attempt, cancellationToken);
            policy = tenant.Policy;
            if (tenant.IsRefused)
            {
                // No token without its tenant: a client of no tenant or of another tenant, or a user of none.
                await _audit.RecordOutcomeAsync(AuditEventType.AuthChallenge, attempt.Caller, policy, AuditOutcome.Denied, tenant.Refusal, cancellationToken);
                recorded = true;
                throw EnrollmentException.Denied(tenant.Refusal!, "No tokens for a user outside this app client's tenant.");
            }
            var result = await DecideAsync(tenant.Policy!, attempt, scopes, cancellationToken);
            await _audit.RecordOutcomeAsync(AuditEventType.AuthChallenge, attempt.Caller, policy, AuditOutcome.Success, result.Reason, cancellationToken);
            return result;
        }
        catch (EnrollmentException failure) when (!recorded)
        {
            try
            {
                await _audit.RecordAsync(AuditEventType.AuthChallenge, attempt.Caller, policy, failure, cancellationToken);
            }
            catch (EnrollmentException)
            {
                // The audit store is down too; the token request fails anyway.
            }
            throw;
        }
    }

    private async Task<TokenCustomization> DecideAsync(CompiledTenantPolicy policy, SignInAttempt attempt, IReadOnlyList<string>? scopes, CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow();
        var standingTask = _factors.ReadAsync(policy, attempt, passedInSession: false, cancellationToken);
        var recoveryTask = _recoveries.GetLastAsync(policy.TenantId, attempt.StateKey, cancellationToken);
        await Task.WhenAll(standingTask, recoveryTask);
        var standing = standingTask.Result;
        var record = standing.Record;

        // After a recovery sign-in, Cognito still holds the lost authenticator: until a newer enrollment, enroll only.
        var recovered = recoveryTask.Result is { } recoveredAt && (record is null || record.EnrolledAt < recoveredAt);
        var enrolled = standing.Enrolled && !recovered;

        GraceWindow? window = null;
        if (policy.Policy.Mfa.Required && !enrolled && !recovered)
            window = await _grace.WindowAsync(policy, attempt, record is not null, cancellationToken);

        var enrollmentRequired = recovered || window is not null;
        var enrollmentOnly = recovered || (window is not null && !window.IsActiveAt(now));
        // Fail closed: an enrollment-only token whose scopes cannot be narrowed is not issued.
        if (enrollmentOnly && scopes is null)
            throw EnrollmentException.Invalid("The event has no request.scopes: the enrollment-only restriction cannot be applied.", "scopes");

        var claims = new Dictionary<string, string>
        {
            [ClaimNames.TenantId] = policy.TenantId,
            [ClaimNames.MfaEnrolled] = ClaimValues.Of(enrolled),
            [ClaimNames.MfaEnrollmentRequired] = ClaimValues.Of(enrollmentRequired),
        };
        if (enrollmentOnly) claims[ClaimNames.MfaEnrollmentOnly] = ClaimValues.True;
        if (window is not null) claims[ClaimNames.MfaGraceEndsAt] = IsoTime.FormatSeconds(window.EndsAt);

        // Tokens from InitiateAuth carry only the enrollment scope, so suppression bites on OAuth tokens; the
        // mfa_enrollment_only claim is what APIs check in every case.
        IReadOnlyList<string> suppress = enrollmentOnly
            ? scopes!.Where(s => s != ClaimNames.EnrollmentScope).Distinct(StringComparer.Ordinal).ToList()
            : [];
        var reason = enrollmentOnly ? SignInReasons.TokensEnrollmentOnly
            : enrollmentRequired ? SignInReasons.TokensEnrollmentGrace
            : SignInReasons.TokensFullAccess;
        return new TokenCustomization(claims, suppress, reason);
    }
}
