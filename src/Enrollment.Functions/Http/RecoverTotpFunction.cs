using Enrollment.Core.Errors;
using Enrollment.Core.Recovery;
using Enrollment.Core.SelfService;
using Enrollment.Core.Totp;
using Enrollment.Functions.Hosting;
using Enrollment.Functions.Wire;

namespace Enrollment.Functions.Http;

/// <summary>
/// POST /v1/recovery/totp (no authorizer): a user who lost their authenticator offers one recovery code. The
/// answer is 202 ACCEPTED whatever became of it, so it reveals nothing about the user or the code; the user
/// learns the outcome at the next sign-in (no TOTP challenge, or MFA_SETUP in an MFA-required pool).
/// </summary>
public sealed class RecoverTotpFunction(TotpRecoveryService recovery, HttpFunctionRunner runner)
{
    public const string Route = "POST /v1/recovery/totp";

    public RecoverTotpFunction() : this(ServiceRoot.Shared) { }

    public RecoverTotpFunction(ServiceRoot root) : this(root.Recovery, root.HttpRunner) { }

    public Task<Stream> Handle(Stream input) => runner.RunAsync(input, Route, async (request, ct) =>
    {
        var body = request.ReadBody(FunctionJsonContext.Default.RecoverTotpBody, allowEmpty: false)!;
        var caller = request.Caller() with { Username = TotpInput.Username(body.Username), ClientId = TotpInput.ClientId(body.ClientId) };
        // The shape alone says nothing about the user, so a malformed code may be told apart (and costs no attempt).
        var code = RecoveryCode.Normalize(body.RecoveryCode)
            ?? throw EnrollmentException.Invalid($"recoveryCode must be {RecoveryCode.Length} letters and digits, as XXXXX-XXXXX.", "recoveryCode");

        await recovery.RecoverAsync(caller, code, ct);
        return ApiResponses.Ok(new RecoveryAcceptedData("ACCEPTED"), request.RequestId, statusCode: 202);
    });
}
