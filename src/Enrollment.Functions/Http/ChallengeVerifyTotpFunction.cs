using Enrollment.Core.Enrollment;
using Enrollment.Core.Errors;
using Enrollment.Core.Totp;
using Enrollment.Functions.Hosting;
using Enrollment.Functions.Wire;

namespace Enrollment.Functions.Http;

/// <summary>
/// POST /v1/challenge/totp/verify: checks the first code during sign-in and returns the session the app
/// answers the MFA_SETUP challenge with.
/// </summary>
public sealed class ChallengeVerifyTotpFunction(TotpEnrollmentService enrollment, HttpFunctionRunner runner)
{
    public const string Route = "POST /v1/challenge/totp/verify";

    public ChallengeVerifyTotpFunction() : this(FunctionServices.Shared.Enrollment, FunctionServices.Shared.Runner) { }

    public Task<Stream> Handle(Stream input) => runner.RunAsync(input, Route, async (request, ct) =>
    {
        var body = request.ReadBody(FunctionJsonContext.Default.ChallengeVerifyBody, allowEmpty: false)!;
        var session = TotpInput.Session(body.Session);
        var caller = request.Caller() with { Username = TotpInput.Username(body.Username), ClientId = TotpInput.ClientId(body.ClientId) };
        if (body.Code is null) throw EnrollmentException.Invalid("code is required.", "code");

        var result = await enrollment.VerifyAsync(caller, TotpCredential.Session(session), body.Code, body.DeviceName, ct);
        return ApiResponses.Ok(new VerifyData("SUCCESS", MfaEnabled: null, result.Session), FunctionJsonContext.Default.SuccessEnvelopeVerifyData, request.RequestId);
    });
}
