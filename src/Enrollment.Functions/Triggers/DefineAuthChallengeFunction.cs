using System.Text.Json.Nodes;
using Enrollment.Core.SignIn;
using Enrollment.Functions.Hosting;
using Enrollment.Functions.Wire;

namespace Enrollment.Functions.Triggers;

/// <summary>
/// Define auth challenge: the next step of a custom-auth sign-in, decided by <see cref="SignInStateMachine"/>.
/// Any failure answers failAuthentication, never tokens.
/// </summary>
public sealed class DefineAuthChallengeFunction(SignInService signIn, TriggerRunner runner)
{
    public const string Trigger = "DefineAuthChallenge";
    public const string TriggerSource = "DefineAuthChallenge_Authentication";

    public DefineAuthChallengeFunction() : this(ServiceRoot.SharedForTriggers) { }

    public DefineAuthChallengeFunction(ServiceRoot root) : this(root.SignIn, root.TriggerRunner) { }

    public Task<Stream> Handle(Stream input) => runner.RunAsync(input, Trigger, CognitoJsonContext.Default.DefineAuthChallengeEvent, async (call, ct) =>
    {
        call.RequireTriggerSource(s => s == TriggerSource, TriggerSource);
        var request = call.Event.Request;
        var attempt = call.Attempt(request?.Session, request?.ClientMetadata, request?.UserNotFound, request?.UserAttributes);
        var decision = await signIn.DefineAsync(attempt, ct);
        Write(call.Root, decision);
        call.Report(decision.ToString(), decision.Reason);
    }, failSafe: root => Write(root, SignInDecision.Fail("FAIL_SAFE")));

    private static void Write(JsonObject root, SignInDecision decision) =>
        TriggerResponse.Set(root, new DefineAuthChallengeResponse
        {
            ChallengeName = decision.ChallengeName,
            IssueTokens = decision.IssueTokens,
            FailAuthentication = decision.FailAuthentication,
        }, CognitoJsonContext.Default.DefineAuthChallengeResponse);
}
