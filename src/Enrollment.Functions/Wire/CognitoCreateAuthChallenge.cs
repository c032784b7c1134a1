namespace Enrollment.Functions.Wire;

/// <summary>CreateAuthChallenge_Authentication: only what Create uses (<c>response</c> is written, never read).</summary>
public sealed record CreateAuthChallengeEvent : CognitoTriggerEvent
{
    public CreateAuthChallengeRequest? Request { get; init; }
}

public sealed record CreateAuthChallengeRequest
{
    public Dictionary<string, string>? UserAttributes { get; init; }
    public string? ChallengeName { get; init; }
    public List<CognitoChallengeResult>? Session { get; init; }
    public Dictionary<string, string>? ClientMetadata { get; init; }
    public bool? UserNotFound { get; init; }
}

/// <summary>Public parameters reach the app; private ones only Verify. Neither ever holds a secret here.</summary>
public sealed record CreateAuthChallengeResponse
{
    public Dictionary<string, string>? PublicChallengeParameters { get; init; }
    public Dictionary<string, string>? PrivateChallengeParameters { get; init; }
    public string? ChallengeMetadata { get; init; }
}
