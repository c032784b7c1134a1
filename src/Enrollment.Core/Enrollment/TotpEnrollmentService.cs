using Enrollment.Core.Audit;
using Enrollment.Core.Errors;
using Enrollment.Core.Policy;
using Enrollment.Core.Recovery;
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
    TimeProvider time,
    IEnrollmentRecordStore records,
    IRecoveryCodeStore recoveryCodes)
{
    public const string AssociateAction = "ASSOCIATE";
    public const string VerifyFailureAction = "VERIFY_FAILURE";

    private readonly AuditedAttemptRunner _attempts = new(tenants, audit);
    private readonly RecoveryCodeIssuer _issuer = new(recoveryCodes, time);

    public Task<AssociateResult> AssociateAsync(CallerContext caller, TotpCredential credential, CancellationToken cancellationToken) =>
        _attempts.RunAsync(AuditEventType.TotpAssociate, caller, async attempt =>
        {
            var policy = await _attempts.ResolveAndGateAsync(attempt, cancellationToken, TokenOf(credential));

            var window = RateLimitCounter.Hourly(policy.TenantId, SubjectOf(caller), AssociateAction, time.GetUtcNow());
            var limit = policy.Policy.Enrollment.MaxAssociationsPerHour;
            if (!(await limiter.TryAcquireAsync(window, limit, cancellationToken)).Allowed)
                throw new EnrollmentException(ErrorCode.RateLimited, $"Too many authenticator setups; at most {limit} an hour.",
                    DenialReason.AssociationLimit, window.SecondsUntilReset(time.GetUtcNow()));

            // Only an access token can tell whether a factor exists; a session comes from MFA_SETUP, so there is none.
            // A recent sign-in where replacing is allowed passes whatever the user has, so the read is skipped.
            if (credential.Kind == TotpCredentialKind.AccessToken)
            {
                var recent = LifecycleRules.IsRecentSignIn(policy.Policy, caller, time.GetUtcNow());
                if (!(LifecycleRules.MayReplace(policy.Policy, caller) && recent))
                {
                    var user = await userPool.GetUserAsync(credential.Value, cancellationToken);
                    LifecycleRules.CheckReplacement(policy.Policy, caller, user.HasSoftwareToken, recent);
                }
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
        return _attempts.RunAsync(AuditEventType.TotpVerify, caller, async attempt =>
        {
            var policy = await _attempts.ResolveAndGateAsync(attempt, cancellationToken, TokenOf(credential));

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

            // The record on both paths: the sign-in triggers read it as "enrolled". On the session path the username
            // is the body's, which Cognito binds to the session only at RespondToAuthChallenge; a forged one can at
            // worst describe someone else's device, in a pool (MFA ON) where Cognito enforces each user's own factor.
            // Keyed by the sub (sec-binding): on the session path that is whatever the caller context names.
            var username = SignedInUsername(caller);
            var sub = caller.UserSub ?? username;
            await records.PutAsync(new EnrollmentRecord(policy.TenantId, username, sub, deviceName, time.GetUtcNow()), cancellationToken);

            // Codes only for a user the token names: codes are a capability (they remove a factor), and minting
            // them for a body's username would let anyone with a session of their own strip another user's TOTP.
            if (credential.Kind == TotpCredentialKind.Session)
                return new VerifyResult(verification.Session, RecoveryCodes: null);
            var codes = policy.Policy.Recovery.CodeCount > 0
                ? await _issuer.IssueAsync(policy.TenantId, TotpLifecycleService.SignedInSub(caller), policy.Policy.Recovery.CodeCount, cancellationToken)
                : null;
            return new VerifyResult(Session: null, codes?.Codes);
        }, cancellationToken, deviceName);
    }

    /// <summary>Counters are per user within the tenant, by the immutable sub where the caller has one.</summary>
    private static string SubjectOf(CallerContext caller) => caller.UserSub ?? caller.Username ?? "-";

    /// <summary>The signed-in caller's token: the tenant binding is read with it when the token has no tenant_id claim.</summary>
    private static string? TokenOf(TotpCredential credential) => credential.Kind == TotpCredentialKind.AccessToken ? credential.Value : null;

    /// <summary>The authorizer's username claim (or the session route's body); a Cognito access token always has one.</summary>
    internal static string SignedInUsername(CallerContext caller) =>
        caller.Username ?? throw new EnrollmentException(ErrorCode.Unauthorized, "The access token names no user.");
}

/// <summary>What the app shows to set up the authenticator. ToString is redacted: it holds the secret.</summary>
public sealed record AssociateResult(string SecretCode, string OtpAuthUri, string Issuer, string AccountName, string? Session)
{
    public override string ToString() => $"AssociateResult(Issuer={Issuer}, AccountName={AccountName})";
}

/// <summary>The next session (session path) or the new recovery codes (access-token path). ToString is redacted.</summary>
public sealed record VerifyResult(string? Session, IReadOnlyList<string>? RecoveryCodes = null)
{
    public override string ToString() => "VerifyResult(redacted)";
}
