using Enrollment.Core.Errors;
using Enrollment.Core.SignIn;
using Enrollment.Core.UserPool;
using Enrollment.Functions.Hosting;
using Enrollment.Functions.Wire;

namespace Enrollment.Functions.Triggers;

/// <summary>
/// Create auth challenge: the parameters of the custom challenge Define asked for, tagged in challengeMetadata.
/// Nothing secret goes into either parameter set. A failure fails the sign-in with a fixed message.
/// </summary>
public sealed class CreateAuthChallengeFunction(SignInService signIn, TriggerRunner runner)
{
    public const string Trigger = "CreateAuthChallenge";
    public const string TriggerSource = "CreateAuthChallenge_Authentication";

    public CreateAuthChallengeFunction() : this(ServiceRoot.SharedForTriggers) { }

    public CreateAuthChallengeFunction(ServiceRoot root) : this(root.SignIn, root.TriggerRunner) { }

    public Task<Stream> Handle(Stream input) => runner.RunAsync(input, Trigger, CognitoJsonContext.Default.CreateAuthChallengeEvent, async (call, ct) =>
    {
        call.RequireTriggerSource(s => s == TriggerSource, TriggerSource);
        var request = call.Event.Request;
        if (request?.ChallengeName != ChallengeNames.CustomChallenge)
            throw EnrollmentException.Invalid("Create is asked only for CUSTOM_CHALLENGE.", "challengeName");
        var attempt = call.Attempt(request.Session, request.ClientMetadata, request.UserNotFound, request.UserAttributes);
        var challenge = await signIn.CreateAsync(attempt, ct);
        call.SetResponse(new CreateAuthChallengeResponse
        {
            PublicChallengeParameters = new(challenge.PublicParameters),
            PrivateChallengeParameters = new(challenge.PrivateParameters),
            ChallengeMetadata = challenge.Metadata,
        }, CognitoJsonContext.Default.CreateAuthChallengeResponse);
        call.Report(challenge.Name, null);
    }, failSafe: null);
}
