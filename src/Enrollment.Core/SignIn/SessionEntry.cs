namespace Enrollment.Core.SignIn;

/// <summary>One element of Cognito's <c>session[]</c>: a challenge already asked and its result.</summary>
public sealed record SessionEntry(string ChallengeName, bool ChallengeResult, string? ChallengeMetadata = null);
