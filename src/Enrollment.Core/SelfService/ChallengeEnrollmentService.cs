using Enrollment.Core.Audit;
using Enrollment.Core.Binding;
using Enrollment.Core.Errors;
using Enrollment.Core.Identity;
using Enrollment.Core.Limits;
using Enrollment.Core.Policy;
using Enrollment.Core.Totp;
using Enrollment.Core.UserPool;

namespace Enrollment.Core.SelfService;

/// <summary>
/// Enrollment mid-sign-in, with the session of an MFA_SETUP challenge and no token: the body's username and clientId
/// prove nothing (client ids are public, and VerifySoftwareToken with a session carries no pool id, so a session of any
/// pool in the region is accepted there). So nothing here is keyed on them: limits count the source network, audit
/// events name no user, and only after verify has the server finish MFA_SETUP itself (RespondToAuthChallenge with the
/// body's clientId and username) does it act, on the claims of the tokens Cognito issued: our pool's issuer, the
/// body's client, the user's tenant binding equal to the client's tenant. The record is then keyed by the token's sub.
/// </summary>
public sealed class ChallengeEnrollmentService(
    TenantResolver tenants,
    IUserPoolTotp userPool,
    IMfaSetupCompletion mfaSetup,
    IRateLimiter limiter,
    AuditTrail audit,
    TimeProvider time,
    IEnrollmentRecordStore records)
{
    private readonly AuditedAttemptRunner _attempts = new(tenants, audit);

    /// <param name="caller">With the body's clientId and no username.</param>
    /// <param name="claimedUsername">The body's username: only the account label the authenticator app shows the user.</param>
    public Task<AssociateResult> AssociateAsync(CallerContext caller, string claimedUsername, string session, CancellationToken cancellationToken)
    {
        var account = TotpInput.AccountLabel(claimedUsername);
        return _attempts.RunAsync(AuditEventType.TotpAssociate, caller, async attempt =>
        {
            var policy = await _attempts.ResolveAndGateAsync(attempt, cancellationToken);
            await AcquireForSourceAsync(policy, caller, TotpEnrollmentService.AssociateAction, policy.Policy.Enrollment.MaxAssociationsPerHour,
                ErrorReasons.AssociationLimit, "Too many authenticator setups from this network; try again later.", cancellationToken);

            var issuer = KeyUriLabel.Issuer(policy.Policy);
            var association = await userPool.AssociateAsync(TotpCredential.Session(session), cancellationToken);
            return AssociateResult.For(association, issuer, account);
        }, cancellationToken);
    }

    /// <param name="caller">With the body's clientId and no username.</param>
    /// <param name="claimedUsername">The body's username, sent to Cognito as USERNAME; Cognito decides whose session it is.</param>
    public Task<SignInTokens> VerifyAsync(CallerContext caller, string claimedUsername, string session, string code, string? deviceName, CancellationToken cancellationToken)
    {
        code = TotpInput.Code(code);
        deviceName = TotpInput.DeviceName(deviceName);
        return _attempts.RunAsync(AuditEventType.TotpVerify, caller, async attempt =>
        {
            // Read first: a function deployed without its pool id fails here, before Cognito spends the session.
            var trustedIssuer = mfaSetup.TrustedIssuer;
            var policy = await _attempts.ResolveAndGateAsync(attempt, cancellationToken);

            // Counted per source (no user is proven yet); a wrong code, Status ERROR included, finishes nothing.
            var verification = await CountedVerification.VerifyAsync(limiter, SourceCounter(policy, caller, TotpEnrollmentService.VerifyFailureAction),
                RateLimitSubjects.SourceLimit(policy.Policy.Verification.MaxFailuresPerHour), "Too many wrong codes from this network; try again later.",
                time, () => userPool.VerifyAsync(TotpCredential.Session(session), code, deviceName, cancellationToken), cancellationToken);

            var completed = await mfaSetup.CompleteAsync(caller.ClientId!, claimedUsername, verification.Session ?? session, cancellationToken);
            var identity = completed.Identity;
            RequireProven(identity, trustedIssuer, caller.ClientId!, policy);

            // Proven: from here on the attempt is this user's, by the sub and username Cognito put in the tokens.
            attempt.Caller = caller with { Username = identity.Username, UserSub = identity.Sub };
            await records.PutAsync(new EnrollmentRecord(policy.TenantId, identity.Username, identity.Sub, deviceName, time.GetUtcNow()), cancellationToken);
            return completed.Tokens;
        }, cancellationToken, deviceName);
    }

    /// <summary>
    /// The tokens must be of our pool (a session of an attacker's own pool finishes there, with that pool's issuer), of
    /// the client the body named, and of a user whose tenant binding is that client's tenant. Otherwise nothing is
    /// written and the tokens are not handed out.
    /// </summary>
    private static void RequireProven(TokenIdentity identity, string trustedIssuer, string clientId, CompiledTenantPolicy policy)
    {
        if (!string.Equals(identity.Issuer, trustedIssuer, StringComparison.Ordinal))
            throw new EnrollmentException(ErrorCode.Unauthorized, "The session does not belong to this service's user pool.");
        if (!string.Equals(identity.ClientId, clientId, StringComparison.Ordinal))
            throw new EnrollmentException(ErrorCode.Unauthorized, "The session does not belong to the app client named in the request.");
        if (string.IsNullOrEmpty(identity.TenantId))
            throw EnrollmentException.Denied(ErrorReasons.UserNotInTenant, "The user belongs to no tenant; an administrator must assign one.");
        if (!string.Equals(identity.TenantId, policy.TenantId, StringComparison.Ordinal))
            throw EnrollmentException.Denied(ErrorReasons.ClientOfAnotherTenant, "This app client belongs to another tenant than the user.");
    }

    private RateLimitCounter SourceCounter(CompiledTenantPolicy policy, CallerContext caller, string action) =>
        RateLimitCounter.Hourly(policy.TenantId, RateLimitSubject.Source(caller.SourceIp), action, time.GetUtcNow());

    private async Task AcquireForSourceAsync(CompiledTenantPolicy policy, CallerContext caller, string action, int perUserLimit, string reason, string message,
        CancellationToken cancellationToken)
    {
        await limiter.AcquireOrRefuseAsync(SourceCounter(policy, caller, action), RateLimitSubjects.SourceLimit(perUserLimit), reason, message,
            time, cancellationToken);
    }
}
