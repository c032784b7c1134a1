using Enrollment.Core.Errors;
using Enrollment.Core.Identity;
using Enrollment.Core.UserPool;

namespace Enrollment.Testing;

/// <summary>Finishes MFA_SETUP in memory: answers with <see cref="Identity"/> and tokens, or throws <see cref="Failure"/>.</summary>
public sealed class FakeMfaSetupCompletion(CallLog log) : IMfaSetupCompletion
{
    public const string Issuer = "https://cognito-idp.us-east-1.amazonaws.com/us-east-1_ours";
    public const string AccessToken = "fake-access.eyJ0ZXN0IjoidG9rZW4ifQ.signature-of-the-fake";

    public string TrustedIssuer => Issuer;

    public TokenIdentity Identity { get; set; } = new(Issuer, "demo-client-id", "sub-jane", "jane", "demo");

    public EnrollmentException? Failure { get; set; }

    public Task<CompletedMfaSetup> CompleteAsync(string clientId, string username, string session, CancellationToken cancellationToken)
    {
        log.Add("cognito:RespondToAuthChallenge");
        if (Failure is not null) throw Failure;
        return Task.FromResult(new CompletedMfaSetup(Identity, new SignInTokens(AccessToken, "fake-id-token", "fake-refresh-token", 3600, "Bearer")));
    }
}
