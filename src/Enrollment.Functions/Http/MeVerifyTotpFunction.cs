using Enrollment.Core.Errors;
using Enrollment.Core.SelfService;
using Enrollment.Core.Totp;
using Enrollment.Core.UserPool;
using Enrollment.Functions.Hosting;
using Enrollment.Functions.Wire;

namespace Enrollment.Functions.Http;

/// <summary>
/// POST /v1/me/totp/verify: checks the first code, then turns TOTP on and makes it preferred, records the device
/// and returns a new set of recovery codes (once; where the tenant issues them).
/// </summary>
public sealed class MeVerifyTotpFunction(TotpEnrollmentService enrollment, HttpFunctionRunner runner)
{
    public const string Route = "POST /v1/me/totp/verify";

    public MeVerifyTotpFunction() : this(ServiceRoot.Shared) { }

    public MeVerifyTotpFunction(ServiceRoot root) : this(root.Enrollment, root.HttpRunner) { }

    public Task<Stream> Handle(Stream input) => runner.RunAsync(input, Route, async (request, ct) =>
    {
        var caller = request.SignedInCaller();
        var token = request.BearerToken();
        var body = request.ReadBody(FunctionJsonContext.Default.MeVerifyBody, allowEmpty: false)!;
        if (body.Code is null) throw EnrollmentException.Invalid("code is required.", "code");

        var result = await enrollment.VerifyAsync(caller, TotpCredential.AccessToken(token), body.Code, body.DeviceName, ct);
        return ApiResponses.Ok(new VerifyData("SUCCESS", MfaEnabled: true, Session: null, result.RecoveryCodes), request.RequestId);
    });
}
