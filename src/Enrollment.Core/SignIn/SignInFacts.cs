namespace Enrollment.Core.SignIn;

/// <summary>What Define needs to know about the tenant and the user once the password has passed.</summary>
public sealed record SignInFacts
{
    /// <summary>The tenant's <c>signIn.maxChallengeFailures</c>: wrong custom answers before the sign-in fails.</summary>
    public required int MaxChallengeFailures { get; init; }

    /// <summary>The tenant's <c>mfa.required</c>.</summary>
    public required bool MfaRequired { get; init; }

    /// <summary>
    /// Cognito says the user has a software token (SOFTWARE_TOKEN_MFA passed in this session, or AdminGetUser lists
    /// it) and the tenant counts it: set up through us (an enrollment record), or accepted by
    /// <c>mfa.acceptFactorsOutsidePolicy</c>. A record alone (factor removed at Cognito) is not enrolled.
    /// </summary>
    public required bool Enrolled { get; init; }

    /// <summary>The tenant issues recovery codes (<c>recovery.codeCount</c> above 0).</summary>
    public required bool RecoveryEnabled { get; init; }

    /// <summary>For an unenrolled user of a tenant that requires MFA: the grace period has not ended.</summary>
    public bool InGrace { get; init; }
}
