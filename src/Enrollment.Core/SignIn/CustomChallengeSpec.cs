namespace Enrollment.Core.SignIn;

/// <summary>
/// What Create hands Cognito for one custom challenge. Public parameters go to the app; private ones only to
/// Verify. Neither holds a secret: recovery codes are checked through <see cref="Recovery.IRecoveryCodeVerifier"/>.
/// </summary>
public sealed record CustomChallengeSpec(
    string Name,
    IReadOnlyDictionary<string, string> PublicParameters,
    IReadOnlyDictionary<string, string> PrivateParameters)
{
    /// <summary>Public parameter names besides <see cref="CustomChallenges.ChallengeParameter"/>.</summary>
    public const string AttemptsRemaining = "attemptsRemaining";
    public const string MfaEnrollmentRequired = "mfaEnrollmentRequired";
    public const string Access = "access";
    public const string GraceEndsAt = "graceEndsAt";
    public const string AcknowledgeWith = "acknowledgeWith";

    /// <summary>Values of <see cref="Access"/>: what the tokens after the gate allow.</summary>
    public const string FullAccess = "FULL";
    public const string EnrollmentOnlyAccess = "ENROLLMENT_ONLY";

    /// <summary>The <c>challengeMetadata</c> Cognito keeps in <c>session[]</c> for Define: our challenge's name.</summary>
    public string Metadata => Name;
}
