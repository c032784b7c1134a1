namespace Enrollment.Functions.Wire;

/// <summary>
/// The envelope every Cognito user pool trigger event shares (cognito.md). Cognito expects the whole event back
/// with <c>response</c> filled in: the functions keep the event as parsed JSON and write into its <c>response</c>,
/// so fields these records do not name survive the round trip.
/// </summary>
public abstract record CognitoTriggerEvent
{
    public string? Version { get; init; }
    public string? TriggerSource { get; init; }
    public string? Region { get; init; }
    public string? UserPoolId { get; init; }
    public string? UserName { get; init; }
    public CognitoCallerContext? CallerContext { get; init; }
}

public sealed record CognitoCallerContext
{
    public string? AwsSdkVersion { get; init; }
    public string? ClientId { get; init; }
}

/// <summary>One element of <c>session[]</c>. Cognito writes <c>challengeMetadata</c> as null when none was set.</summary>
public sealed record CognitoChallengeResult
{
    public string? ChallengeName { get; init; }
    public bool? ChallengeResult { get; init; }
    public string? ChallengeMetadata { get; init; }
}
