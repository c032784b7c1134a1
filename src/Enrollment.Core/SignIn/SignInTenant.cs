using Enrollment.Core.Policy;

namespace Enrollment.Core.SignIn;

/// <summary>
/// The tenant a sign-in runs under, or why there is none. <see cref="Policy"/> may be set with a
/// <see cref="Refusal"/> (a client of another tenant: the refusal is recorded in the user's tenant).
/// </summary>
public sealed record SignInTenant(CompiledTenantPolicy? Policy, string? Refusal)
{
    public bool IsRefused => Refusal is not null;
}
