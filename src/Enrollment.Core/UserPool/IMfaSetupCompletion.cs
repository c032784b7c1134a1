namespace Enrollment.Core.UserPool;

/// <summary>
/// Finishes an MFA_SETUP challenge on the server (RespondToAuthChallenge with the app client, username and the
/// session VerifySoftwareToken returned) and reads who Cognito signed in from the tokens it issued. The adapter maps
/// Cognito's failures, and an answer that is not tokens (another challenge), to <see cref="Errors.EnrollmentException"/>.
/// </summary>
public interface IMfaSetupCompletion
{
    /// <summary>The issuer (iss) every token of this service's user pool carries; tokens of any other pool are refused.</summary>
    string TrustedIssuer { get; }

    Task<CompletedMfaSetup> CompleteAsync(string clientId, string username, string session, CancellationToken cancellationToken);
}
