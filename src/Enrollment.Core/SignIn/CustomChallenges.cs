namespace Enrollment.Core.SignIn;

/// <summary>
/// Our custom challenges. Each CUSTOM_CHALLENGE carries its name as <c>challengeMetadata</c> (set by Create), so
/// Define can tell from <c>session[]</c> alone which one was asked and answered.
/// </summary>
public static class CustomChallenges
{
    /// <summary>Password plus one recovery code, for a user who lost the authenticator.</summary>
    public const string RecoveryCode = "RECOVERY_CODE";

    /// <summary>Tells an unenrolled user of a tenant that requires MFA to enroll; answered with <see cref="GateAnswer"/>.</summary>
    public const string EnrollmentGate = "ENROLLMENT_GATE";

    /// <summary>The answer that acknowledges the enrollment gate (compared case-insensitively, trimmed).</summary>
    public const string GateAnswer = "ACK";

    /// <summary>Public and private challenge parameter naming the challenge.</summary>
    public const string ChallengeParameter = "challenge";

    public static bool IsKnown(string? name) => name is RecoveryCode or EnrollmentGate;
}
