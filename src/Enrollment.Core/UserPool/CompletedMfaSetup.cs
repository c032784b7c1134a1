using Enrollment.Core.Identity;

namespace Enrollment.Core.UserPool;

/// <summary>A finished MFA_SETUP: who Cognito signed in (<see cref="Identity"/>) and the tokens the app gets.</summary>
public sealed record CompletedMfaSetup(TokenIdentity Identity, SignInTokens Tokens)
{
    public override string ToString() => $"CompletedMfaSetup({Identity})";
}
