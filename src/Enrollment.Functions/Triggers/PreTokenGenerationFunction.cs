using Enrollment.Core.Errors;
using Enrollment.Core.SignIn;
using Enrollment.Functions.Hosting;
using Enrollment.Functions.Wire;

namespace Enrollment.Functions.Triggers;

/// <summary>
/// Pre token generation, trigger event V2_0: the tenant claim and the MFA state in both tokens; for a user who must
/// enroll now, every access-token scope but aws.cognito.signin.user.admin suppressed. Fails closed: a failure
/// fails the token request with a fixed message. A V1 event means the pool is misconfigured, and fails too.
/// </summary>
public sealed class PreTokenGenerationFunction(TokenClaimsService tokenClaims, TriggerRunner runner)
{
    public const string Trigger = "PreTokenGeneration";
    public const string TriggerSourcePrefix = "TokenGeneration_";

    public PreTokenGenerationFunction() : this(TriggerServices.Shared.TokenClaims, TriggerServices.Shared.Runner) { }

    public Task<Stream> Handle(Stream input) => runner.RunAsync(input, Trigger, CognitoJsonContext.Default.PreTokenGenerationV2Event, async (call, ct) =>
    {
        call.RequireTriggerSource(s => s is not null && s.StartsWith(TriggerSourcePrefix, StringComparison.Ordinal), TriggerSourcePrefix + "*");
        if (call.Event.Version is not ("2" or "3"))
            throw EnrollmentException.Invalid("Pre token generation must be configured with LambdaVersion V2_0.", "version");
        var request = call.Event.Request;
        var attempt = call.Attempt(null, request?.ClientMetadata, false, request?.UserAttributes);
        var result = await tokenClaims.CustomizeAsync(attempt, request?.Scopes ?? [], ct);
        if (result.Claims.Count > 0)
        {
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
                },
            }, CognitoJsonContext.Default.PreTokenGenerationV2Response);
        }
        call.Report(result.EnrollmentOnly ? "ENROLLMENT_ONLY" : "CLAIMS", result.Reason);
    }, failSafe: null);
}
