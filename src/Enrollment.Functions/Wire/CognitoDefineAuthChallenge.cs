namespace Enrollment.Functions.Wire;

/// <summary>
/// DefineAuthChallenge_Authentication: only what Define uses. <c>response</c> is not read (Cognito sends nulls; the
/// function writes it into the event it returns), so whatever Cognito puts there cannot fail the parse.
/// </summary>
public sealed record DefineAuthChallengeEvent : CognitoTriggerEvent
{
    public DefineAuthChallengeRequest? Request { get; init; }
}

public sealed record DefineAuthChallengeRequest
{
    public Dictionary<string, string>? UserAttributes { get; init; }
    public List<CognitoChallengeResult>? Session { get; init; }
    public Dictionary<string, string>? ClientMetadata { get; init; }
    public bool? UserNotFound { get; init; }
}

/// <summary>Cognito sends every member as an explicit null; the function writes all three back.</summary>
public sealed record DefineAuthChallengeResponse
{
    public string? ChallengeName { get; init; }
    public bool? IssueTokens { get; init; }
    public bool? FailAuthentication { get; init; }
}
