namespace Enrollment.Functions.Wire;

/// <summary>VerifyAuthChallengeResponse_Authentication: only what Verify uses (<c>response</c> is written, never read).</summary>
public sealed record VerifyAuthChallengeEvent : CognitoTriggerEvent
{
    public VerifyAuthChallengeRequest? Request { get; init; }
}

public sealed record VerifyAuthChallengeRequest
{
    public Dictionary<string, string>? UserAttributes { get; init; }
    public Dictionary<string, string>? PrivateChallengeParameters { get; init; }

    /// <summary>The user's answer: a recovery code is a secret, so this value never reaches a log or an audit item.</summary>
    public string? ChallengeAnswer { get; init; }

    public Dictionary<string, string>? ClientMetadata { get; init; }
    public bool? UserNotFound { get; init; }
}

public sealed record VerifyAuthChallengeResponse
{
    public bool? AnswerCorrect { get; init; }
}
