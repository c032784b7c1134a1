using Enrollment.Core.Policy;

namespace Enrollment.Core.SignIn;

/// <summary>
/// The grace period of a user who is not enrolled in a tenant that requires MFA, in one place for Define, Create and
/// pre token generation. Counted once per user per tenant: the start is written once (a conditional write) and no
/// sign-in ever writes it again. A user with an enrollment record enrolled through us once: the grace is spent,
/// so a factor removed since (outside the API) starts none.
/// </summary>
public sealed class SignInGrace(IGracePeriodStore grace, TimeProvider time)
{
    public async Task<GraceWindow> WindowAsync(CompiledTenantPolicy policy, SignInAttempt attempt, bool hasRecord, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        if (hasRecord) return new GraceWindow(now, now);
        // An unknown user sees the window a first sign-in would start; nothing is recorded for a name that is no user.
        var startedAt = attempt.UserNotFound ? now : await grace.GetOrStartAsync(policy.TenantId, attempt.StateKey, now, cancellationToken);
        return GraceWindow.From(startedAt, policy.Policy.Mfa.GracePeriodDays);
    }
}
