using Enrollment.Core.SignIn;
using Enrollment.Functions.Hosting;
using Enrollment.Functions.Wire;

namespace Enrollment.Functions.Triggers;

/// <summary>
/// Verify auth challenge response: answerCorrect is false before anything is read, and stays false on any failure
/// (logged with safe fields only). The answer itself never reaches a log or an audit item.
/// </summary>
public sealed class VerifyAuthChallengeFunction(SignInService signIn, TriggerRunner runner)
{
    public const string Trigger = "VerifyAuthChallengeResponse";
    public const string TriggerSource = "VerifyAuthChallengeResponse_Authentication";

    public VerifyAuthChallengeFunction() : this(ServiceRoot.SharedForTriggers) { }

    public VerifyAuthChallengeFunction(ServiceRoot root) : this(root.SignIn, root.TriggerRunner) { }

    public Task<Stream> Handle(Stream input) => runner.RunAsync(input, Trigger, CognitoJsonContext.Default.VerifyAuthChallengeEvent, async (call, ct) =>
    {
        call.SetResponse(Wrong, CognitoJsonContext.Default.VerifyAuthChallengeResponse);
        call.RequireTriggerSource(s => s == TriggerSource, TriggerSource);
        var request = call.Event.Request;
        var attempt = call.Attempt(null, request?.ClientMetadata, request?.UserNotFound, request?.UserAttributes);
        string? challenge = null;
        request?.PrivateChallengeParameters?.TryGetValue(CustomChallenges.ChallengeParameter, out challenge);
        var correct = await signIn.VerifyAsync(attempt, challenge, request?.ChallengeAnswer, ct);
        call.SetResponse(new VerifyAuthChallengeResponse { AnswerCorrect = correct }, CognitoJsonContext.Default.VerifyAuthChallengeResponse);
        call.Report($"{(correct ? "CORRECT" : "WRONG")}:{challenge ?? "-"}", null);
    }, failSafe: root => TriggerResponse.Set(root, Wrong, CognitoJsonContext.Default.VerifyAuthChallengeResponse));

    private static readonly VerifyAuthChallengeResponse Wrong = new() { AnswerCorrect = false };
}
