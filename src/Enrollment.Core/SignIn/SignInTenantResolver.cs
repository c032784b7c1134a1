using Enrollment.Core.Errors;
using Enrollment.Core.Identity;
using Enrollment.Core.Policy;

namespace Enrollment.Core.SignIn;

/// <summary>
/// The tenant of a sign-in comes from the user's binding (<c>custom:tenant_id</c>, immutable, written by no app
/// client), never from the app client: client ids are public, so a client only has to agree with the binding.
/// </summary>
public sealed class SignInTenantResolver(ITenantPolicyStore policies)
{
    public async Task<SignInTenant> ResolveAsync(SignInAttempt attempt, CancellationToken cancellationToken)
    {
        if (attempt.UserNotFound)
        {
            // An unknown user has no binding. Up to where tokens would be issued (never, for this user), it meets
            // what a user of the client's tenant meets, so the answers do not tell the two apart.
            var byClient = await policies.FindByClientIdAsync(attempt.ClientId, cancellationToken);
            return new SignInTenant(byClient, byClient is null ? SignInReasons.TenantNotFound : null);
        }
        if (string.IsNullOrEmpty(attempt.TenantBinding)) return new SignInTenant(null, SignInReasons.UserNotInTenant);
        // Every user state key is the sub: a known user without one is not an event Cognito sends.
        if (string.IsNullOrEmpty(attempt.UserSub))
            throw EnrollmentException.Invalid("The event has no userAttributes.sub.", "sub");

        var policy = TenantId.IsValid(attempt.TenantBinding)
            ? await policies.FindByTenantIdAsync(attempt.TenantBinding, cancellationToken)
            : null;
        if (policy is null) return new SignInTenant(null, SignInReasons.TenantNotFound);
        return new SignInTenant(policy, policy.AllowsClient(attempt.ClientId) ? null : SignInReasons.ClientOfAnotherTenant);
    }
}
