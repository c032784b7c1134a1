using Enrollment.Core.Audit;
using Enrollment.Core.Errors;
using Enrollment.Core.Policy;
using Enrollment.Core.Totp;

namespace Enrollment.Core.Enrollment;

/// <summary>
/// The enrollment workflow for both paths (access token, MFA_SETUP session). Order matters and is the
/// contract: tenant, then the rules without I/O, then the rate limit, then the user pool; a secret is
/// returned only after the audit event recording it is written. Every attempt leaves one audit event.
/// </summary>
public sealed class TotpEnrollmentService(
    TenantResolver tenants,
    IUserPoolTotp userPool,
    IRateLimiter limiter,
    AuditTrail audit,
    TimeProvider time)
{
    public const string AssociateAction = "ASSOCIATE";
    public const string VerifyFailureAction = "VERIFY_FAILURE";

    public Task<AssociateResult> AssociateAsync(CallerContext caller, TotpCredential credential, CancellationToken cancellationToken) =>
        AuditedAsync(AuditEventType.TotpAssociate, caller, null, async attempt =>
        {
            var policy = await ResolveAndGateAsync(attempt, cancellationToken);

            var window = RateLimitCounter.Hourly(policy.TenantId, SubjectOf(caller), AssociateAction, time.GetUtcNow());
            var limit = policy.Policy.Enrollment.MaxAssociationsPerHour;
            if (!(await limiter.TryAcquireAsync(window, limit, cancellationToken)).Allowed)
                throw new EnrollmentException(ErrorCode.RateLimited, $"Too many authenticator setups; at most {limit} an hour.",
                    DenialReason.AssociationLimit, window.SecondsUntilReset(time.GetUtcNow()));

            // Only an access token can tell whether a factor exists; a session comes from MFA_SETUP, so there is none.
            if (credential.Kind == TotpCredentialKind.AccessToken && !policy.Policy.Enrollment.AllowReplace)
            {
                var user = await userPool.GetUserAsync(credential.Value, cancellationToken);
                if (user.HasSoftwareToken)
                    throw EnrollmentException.Denied(DenialReason.AlreadyEnrolled, "An authenticator is already set up and this tenant does not allow replacing it.");
            }

            var association = await userPool.AssociateAsync(credential, cancellationToken);
            var issuer = OtpAuthUri.LabelPart(policy.Policy.Issuer);
            var account = OtpAuthUri.LabelPart(caller.Username ?? "user");
            return new AssociateResult(
                OtpAuthUri.NormalizeSecret(association.SecretCode),
                OtpAuthUri.Build(issuer, account, association.SecretCode),
                issuer,
                account,
                association.Session);
        }, cancellationToken);

    public Task<VerifyResult> VerifyAsync(CallerContext caller, TotpCredential credential, string code, string? deviceName, CancellationToken cancellationToken)
    {
        code = TotpInput.Code(code);
        deviceName = TotpInput.DeviceName(deviceName);
        return AuditedAsync(AuditEventType.TotpVerify, caller, deviceName, async attempt =>
        {
            var policy = await ResolveAndGateAsync(attempt, cancellationToken);

            // Reserve a failure before asking, so parallel guesses cannot exceed the limit; a right code gives it back.
            var failures = RateLimitCounter.Hourly(policy.TenantId, SubjectOf(caller), VerifyFailureAction, time.GetUtcNow());
            var limit = policy.Policy.Verification.MaxFailuresPerHour;
            if (!(await limiter.TryAcquireAsync(failures, limit, cancellationToken)).Allowed)
                throw new EnrollmentException(ErrorCode.RateLimited, "Too many wrong codes; try again later.",
                    DenialReason.VerificationFailureLimit, failures.SecondsUntilReset(time.GetUtcNow()));

            TotpVerification verification;
            try
            {
                verification = await userPool.VerifyAsync(credential, code, deviceName, cancellationToken);
            }
            catch (EnrollmentException ex) when (ex.Code != ErrorCode.CodeMismatch)
            {
                await limiter.ReleaseAsync(failures, cancellationToken);
                throw;
            }
            if (!verification.Success)
                throw new EnrollmentException(ErrorCode.CodeMismatch, "The code is wrong or expired.");

            await limiter.ReleaseAsync(failures, cancellationToken);
            if (credential.Kind == TotpCredentialKind.AccessToken)
                await userPool.SetSoftwareTokenPreferredAsync(credential.Value, cancellationToken);
            return new VerifyResult(verification.Session);
        }, cancellationToken);
    }

    private async Task<CompiledTenantPolicy> ResolveAndGateAsync(Attempt attempt, CancellationToken cancellationToken)
    {
        var policy = await tenants.ResolveAsync(attempt.Caller, cancellationToken);
        attempt.Policy = policy;
        EnrollmentGate.Check(policy, attempt.Caller);
        return policy;
    }

    /// <summary>
    /// Runs one attempt and writes its audit event, success or failure. If the audit store fails, the
    /// caller gets SERVICE_UNAVAILABLE and the result (which may hold a secret) is dropped.
    /// </summary>
    private async Task<T> AuditedAsync<T>(string eventType, CallerContext caller, string? deviceName, Func<Attempt, Task<T>> work, CancellationToken cancellationToken)
    {
        var attempt = new Attempt(caller);
        T result;
        try
        {
            result = await work(attempt);
        }
        catch (EnrollmentException failure)
        {
            await audit.RecordAsync(eventType, caller, attempt.Policy, failure, cancellationToken, deviceName);
            throw;
        }
        await audit.RecordAsync(eventType, caller, attempt.Policy, null, cancellationToken, deviceName);
        return result;
    }

    /// <summary>Counters are per user within the tenant; the username is unique in the pool and known on both paths.</summary>
    private static string SubjectOf(CallerContext caller) => caller.Username ?? caller.UserSub ?? "-";

    private sealed class Attempt(CallerContext caller)
    {
        public CallerContext Caller { get; } = caller;
        public CompiledTenantPolicy? Policy { get; set; }
    }
}

/// <summary>What the app shows to set up the authenticator. ToString is redacted: it holds the secret.</summary>
public sealed record AssociateResult(string SecretCode, string OtpAuthUri, string Issuer, string AccountName, string? Session)
{
    public override string ToString() => $"AssociateResult(Issuer={Issuer}, AccountName={AccountName})";
}

public sealed record VerifyResult(string? Session)
{
    public override string ToString() => "VerifyResult(redacted)";
}
