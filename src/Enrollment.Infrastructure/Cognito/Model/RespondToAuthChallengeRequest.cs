namespace Enrollment.Infrastructure.Cognito.Model;

public sealed record RespondToAuthChallengeRequest
{
    public required string ClientId { get; init; }

    /// <summary>See <see cref="Enrollment.Core.UserPool.ChallengeNames"/>.</summary>
    public required string ChallengeName { get; init; }

    public string? Session { get; init; }

    /// <summary>USERNAME, SOFTWARE_TOKEN_MFA_CODE, NEW_PASSWORD...: sensitive, so ToString lists keys only.</summary>
    public IReadOnlyDictionary<string, string>? ChallengeResponses { get; init; }

    public IReadOnlyDictionary<string, string>? ClientMetadata { get; init; }

    public override string ToString() =>
        $"RespondToAuthChallengeRequest {{ ClientId = {ClientId}, ChallengeName = {ChallengeName}, ChallengeResponseKeys = [{string.Join(", ", ChallengeResponses?.Keys ?? [])}] }}";
}
