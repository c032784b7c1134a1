using Enrollment.Core.Audit;
using Enrollment.Core.Binding;
using Enrollment.Core.Errors;
using Enrollment.Core.Identity;
using Enrollment.Core.Limits;
using Enrollment.Core.Policy;
using Enrollment.Core.Recovery;
using Enrollment.Core.Totp;
using Enrollment.Core.UserPool;

namespace Enrollment.Core.SelfService;

/// <summary>
/// The enrollment workflow with an access token (the /v1/me routes; the session routes are
/// <see cref="ChallengeEnrollmentService"/>). Order matters and is the contract: tenant, then the rules without I/O,
/// then the rate limit, then the user pool; a secret is returned only after the audit event recording it is written.
/// Every attempt leaves one audit event. Associate and verify apply the same replacement rules: a factor that exists
/// is replaced only where the tenant allows it and after a recent sign-in, whichever of the two calls gets there.
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

    public Task<AssociateResult> AssociateAsync(CallerContext caller, TotpCredential credential, CancellationToken cancellationToken)
    {
        var accessToken = AccessTokenOf(credential);
        var account = TotpInput.AccountLabel(caller.Username);
        return _attempts.RunAsync(AuditEventType.TotpAssociate, caller, async attempt =>
        {
            EnrollmentOnlyTokens.Require(caller, SignedInOperation.Associate);
            var sub = SignedInSub(caller);
            // The tenant is the user's binding, read with the caller's own token when it carries no tenant_id claim.
            var policy = await _attempts.ResolveAndGateAsync(attempt, cancellationToken, accessToken);

            var window = RateLimitCounter.Hourly(policy.TenantId, RateLimitSubject.User(sub), AssociateAction, time.GetUtcNow());
            var limit = policy.Policy.Enrollment.MaxAssociationsPerHour;
            await limiter.AcquireOrRefuseAsync(window, limit, ErrorReasons.AssociationLimit,
                $"Too many authenticator setups; at most {limit} an hour.", time, cancellationToken);

            await CheckReplacementAsync(policy, caller, accessToken, cancellationToken);
            var issuer = KeyUriLabel.Issuer(policy.Policy);
            var association = await userPool.AssociateAsync(credential, cancellationToken);
            return AssociateResult.For(association, issuer, account);
        }, cancellationToken);
    }

    public Task<VerifyResult> VerifyAsync(CallerContext caller, TotpCredential credential, string code, string? deviceName, CancellationToken cancellationToken)
    {
        var accessToken = AccessTokenOf(credential);
        code = TotpInput.Code(code);
        deviceName = TotpInput.DeviceName(deviceName);
        return _attempts.RunAsync(AuditEventType.TotpVerify, caller, async attempt =>
        {
            EnrollmentOnlyTokens.Require(caller, SignedInOperation.Verify);
            var sub = SignedInSub(caller);
            // The tenant is the user's binding, read with the caller's own token when it carries no tenant_id claim.
            var policy = await _attempts.ResolveAndGateAsync(attempt, cancellationToken, accessToken);

            var failures = RateLimitCounter.Hourly(policy.TenantId, RateLimitSubject.User(sub), VerifyFailureAction, time.GetUtcNow());
            await CountedVerification.VerifyAsync(limiter, failures, policy.Policy.Verification.MaxFailuresPerHour,
                "Too many wrong codes; try again later.", time, async () =>
                {
                    // Before the code is checked: a verify that succeeds replaces whatever factor the user has, so a secret
                    // associated at Cognito directly (with a stolen token) meets the same rule as one associated through us.
                    await CheckReplacementAsync(policy, caller, accessToken, cancellationToken);
                    return await userPool.VerifyAsync(credential, code, deviceName, cancellationToken);
                }, cancellationToken);
            await userPool.SetSoftwareTokenPreferredAsync(accessToken, cancellationToken);

            // Metadata about the factor Cognito now holds (device name, time), keyed by the token's sub; the username
            // is kept for support only.
            await records.PutAsync(new EnrollmentRecord(policy.TenantId, SignedInUsername(caller), sub, deviceName, time.GetUtcNow()), cancellationToken);

            var recent = LifecycleRules.IsRecentSignIn(policy.Policy, caller, time.GetUtcNow());
            var codes = LifecycleRules.IssuesRecoveryCodesOnVerify(policy.Policy, recent)
                ? await _issuer.IssueAsync(policy.TenantId, sub, policy.Policy.Recovery.CodeCount, cancellationToken)
                : null;
            return new VerifyResult(Session: null, codes?.Codes);
        }, cancellationToken, deviceName);
    }

    /// <summary>
    /// The one replacement check of associate and verify (<see cref="LifecycleRules.MustReadFactor"/> and
    /// <see cref="LifecycleRules.CheckReplacement"/>): Cognito is asked whether a factor exists unless the answer
    /// cannot matter.
    /// </summary>
    private async Task CheckReplacementAsync(CompiledTenantPolicy policy, CallerContext caller, string accessToken, CancellationToken cancellationToken)
    {
        var recent = LifecycleRules.IsRecentSignIn(policy.Policy, caller, time.GetUtcNow());
        if (!LifecycleRules.MustReadFactor(policy.Policy, caller, recent)) return;
        var user = await userPool.GetUserAsync(accessToken, cancellationToken);
        LifecycleRules.CheckReplacement(policy.Policy, caller, user.HasSoftwareToken, recent);
    }

    private static string AccessTokenOf(TotpCredential credential) =>
        credential.Kind == TotpCredentialKind.AccessToken
            ? credential.Value
            : throw new ArgumentException("The session path is ChallengeEnrollmentService's: a session proves no user here.", nameof(credential));

    /// <summary>The authorizer's username claim; a Cognito access token always has one.</summary>
    internal static string SignedInUsername(CallerContext caller) =>
        caller.Username ?? throw new EnrollmentException(ErrorCode.Unauthorized, "The access token names no user.");

    /// <summary>The authorizer's sub claim: every piece of user state is keyed by it; a Cognito access token always has one.</summary>
    internal static string SignedInSub(CallerContext caller) =>
        string.IsNullOrEmpty(caller.UserSub) ? throw new EnrollmentException(ErrorCode.Unauthorized, "The access token names no user (no sub).") : caller.UserSub;
}

/// <summary>What the app shows to set up the authenticator. ToString is redacted: it holds the secret.</summary>
public sealed record AssociateResult(string SecretCode, string OtpAuthUri, string Issuer, string AccountName, string? Session)
{
    public override string ToString() => $"AssociateResult(Issuer={Issuer}, AccountName={AccountName})";

    /// <summary>The secret and the Key URI with labels already within the QR code's budget (<see cref="KeyUriLimits"/>).</summary>
    internal static AssociateResult For(TotpAssociation association, string issuer, string account)
    {
        var uri = Totp.OtpAuthUri.Build(issuer, account, association.SecretCode);
        // Only a secret far longer than any Cognito issues could pass the budget; the QR code could not be drawn.
        if (uri.Length > KeyUriLimits.MaxKeyUriBytes) throw new EnrollmentException(ErrorCode.UpstreamError, "The user pool returned a secret this service cannot show.");
        return new AssociateResult(Totp.OtpAuthUri.NormalizeSecret(association.SecretCode), uri, issuer, account, association.Session);
    }
}

/// <summary>The new recovery codes (access-token path, after a recent sign-in). ToString is redacted.</summary>
public sealed record VerifyResult(string? Session, IReadOnlyList<string>? RecoveryCodes = null)
{
    public override string ToString() => "VerifyResult(redacted)";
}
