using Enrollment.Core.Errors;
using Enrollment.Core.SignIn;
using Enrollment.Functions.Hosting;
using Enrollment.Functions.Wire;

namespace Enrollment.Functions.Triggers;

/// <summary>
/// Pre token generation, trigger event V2_0: the tenant claim (from the user's binding) and the MFA state in both
/// tokens; for a user who must enroll now, every access-token scope but aws.cognito.signin.user.admin suppressed;
/// the request's group configuration copied back, so <c>cognito:groups</c> survives. Fails closed: any failure
/// fails the token request with a fixed message. A V1 event means the pool is misconfigured, and fails too; so does
/// a client-credentials (M2M) event, which only a V3_0 configuration sends and which has no user to decide on.
/// </summary>
public sealed class PreTokenGenerationFunction(TokenClaimsService tokenClaims, TriggerRunner runner)
{
    public const string Trigger = "PreTokenGeneration";
    public const string TriggerSourcePrefix = "TokenGeneration_";

    /// <summary>The M2M client-credentials grant (V3_0 only): no user, no tenant binding, nothing this service decides.</summary>
    public const string ClientCredentialsSource = "TokenGeneration_ClientCredentials";

    public PreTokenGenerationFunction() : this(ServiceRoot.SharedForTriggers) { }

    public PreTokenGenerationFunction(ServiceRoot root) : this(root.TokenClaims, root.TriggerRunner) { }

    public Task<Stream> Handle(Stream input) => runner.RunAsync(input, Trigger, CognitoJsonContext.Default.PreTokenGenerationV2Event, async (call, ct) =>
    {
        call.RequireTriggerSource(s => s is not null && s.StartsWith(TriggerSourcePrefix, StringComparison.Ordinal), TriggerSourcePrefix + "*");
        if (call.Event.TriggerSource == ClientCredentialsSource)
            throw new EnrollmentException(ErrorCode.ValidationError, "Client-credentials tokens are not customized by this service.", SignInReasons.ClientCredentialsUnsupported);
        // Versions 2 and 3 send the same user events (Developer Guide, pre token generation: "Aside from the
        // circumstances of the resulting access tokens, version two and three events are identical").
        if (call.Event.Version is not ("2" or "3"))
            throw EnrollmentException.Invalid("Pre token generation must be configured with LambdaVersion V2_0.", "version");
        var request = call.Event.Request ?? throw EnrollmentException.Invalid("The event has no request.", "request");
        var attempt = call.Attempt(null, null, false, request.UserAttributes);
        var result = await tokenClaims.CustomizeAsync(attempt, request.Scopes, ct);
        call.SetResponse(new PreTokenGenerationV2Response
        {
            ClaimsAndScopeOverrideDetails = new ClaimsAndScopeOverrideDetails
            {
                IdTokenGeneration = new IdTokenGeneration { ClaimsToAddOrOverride = new(result.Claims) },
                AccessTokenGeneration = new AccessTokenGeneration
                {
                    ClaimsToAddOrOverride = new(result.Claims),
                    ScopesToSuppress = result.ScopesToSuppress.Count > 0 ? [.. result.ScopesToSuppress] : null,
                },
                GroupOverrideDetails = call.Root["request"]?["groupConfiguration"]?.DeepClone(),
            },
        }, CognitoJsonContext.Default.PreTokenGenerationV2Response);
        call.Report(result.EnrollmentOnly ? "ENROLLMENT_ONLY" : "CLAIMS", result.Reason);
    }, failSafe: null);
}
