using Enrollment.Core.Errors;
using Enrollment.Core.SelfService;
using Enrollment.Core.Totp;
using Enrollment.Functions.Hosting;
using Enrollment.Functions.Wire;

namespace Enrollment.Functions.Http;

/// <summary>
/// POST /v1/challenge/totp/verify: checks the first code during sign-in, finishes the MFA_SETUP challenge on the server
/// and answers with Cognito's tokens (a contract extension, docs/api.md): the enrollment is recorded only for the user
/// those tokens prove.
/// </summary>
public sealed class ChallengeVerifyTotpFunction(ChallengeEnrollmentService enrollment, HttpFunctionRunner runner)
{
    public const string Route = "POST /v1/challenge/totp/verify";

    public ChallengeVerifyTotpFunction() : this(ServiceRoot.Shared) { }

    public ChallengeVerifyTotpFunction(ServiceRoot root) : this(root.ChallengeEnrollment, root.HttpRunner) { }

    public Task<Stream> Handle(Stream input) => runner.RunAsync(input, Route, async (request, ct) =>
    {
        var body = request.ReadBody(FunctionJsonContext.Default.ChallengeVerifyBody, allowEmpty: false)!;
        var session = TotpInput.Session(body.Session);
        var username = TotpInput.Username(body.Username);
        var caller = request.Caller() with { ClientId = TotpInput.ClientId(body.ClientId) };
        if (body.Code is null) throw EnrollmentException.Invalid("code is required.", "code");

        var tokens = await enrollment.VerifyAsync(caller, username, session, body.Code, body.DeviceName, ct);
        var data = new ChallengeVerifyData("SUCCESS",
            new AuthenticationResultData(tokens.AccessToken, tokens.IdToken, tokens.RefreshToken, tokens.ExpiresIn, tokens.TokenType));
        return ApiResponses.Ok(data, request.RequestId);
    });
}
