using Enrollment.Core.Audit;
using Enrollment.Core.UserPool;

namespace Enrollment.Core.SignIn;

public enum SignInDecisionKind
{
    Challenge,
    IssueTokens,
    Fail,
}

/// <summary>
/// Define's answer: the next challenge (with our custom challenge's name for CUSTOM_CHALLENGE), tokens, or
/// failure; and the reason, for the audit event and the log.
/// </summary>
public sealed record SignInDecision(SignInDecisionKind Kind, string? ChallengeName, string? CustomChallenge, string Reason)
{
    public static SignInDecision Challenge(string challengeName, string reason) => new(SignInDecisionKind.Challenge, challengeName, null, reason);

    public static SignInDecision Custom(string customChallenge, string reason) =>
        new(SignInDecisionKind.Challenge, ChallengeNames.CustomChallenge, customChallenge, reason);

    public static SignInDecision Tokens(string reason) => new(SignInDecisionKind.IssueTokens, null, null, reason);

    public static SignInDecision Fail(string reason) => new(SignInDecisionKind.Fail, null, null, reason);

    public bool IssueTokens => Kind == SignInDecisionKind.IssueTokens;
    public bool FailAuthentication => Kind == SignInDecisionKind.Fail;

    public string Outcome => Kind switch
    {
        SignInDecisionKind.Fail => SignInReasons.IsDenial(Reason) ? AuditOutcome.Denied : AuditOutcome.Failed,
        _ => AuditOutcome.Success,
    };

    /// <summary>SRP_A to PASSWORD_VERIFIER is Cognito's own step: nothing about the user is decided, nothing is recorded.</summary>
    public bool IsAudited => !(Kind == SignInDecisionKind.Challenge && ChallengeName == ChallengeNames.PasswordVerifier);

    /// <summary>For logs: "CUSTOM_CHALLENGE:RECOVERY_CODE", "PASSWORD_VERIFIER", "ISSUE_TOKENS", "FAIL".</summary>
    public override string ToString() => Kind switch
    {
        SignInDecisionKind.IssueTokens => "ISSUE_TOKENS",
        SignInDecisionKind.Fail => "FAIL",
        _ => CustomChallenge is null ? ChallengeName! : $"{ChallengeName}:{CustomChallenge}",
    };
}
