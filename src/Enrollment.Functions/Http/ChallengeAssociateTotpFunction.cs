using Enrollment.Core.SelfService;
using Enrollment.Core.Totp;
using Enrollment.Functions.Hosting;
using Enrollment.Functions.Wire;

namespace Enrollment.Functions.Http;

/// <summary>
/// POST /v1/challenge/totp/associate: a secret during sign-in, from the session of an MFA_SETUP challenge. The body's
/// username is only the label the authenticator shows; nothing is counted or audited under it (see
/// <see cref="ChallengeEnrollmentService"/>).
/// </summary>
public sealed class ChallengeAssociateTotpFunction(ChallengeEnrollmentService enrollment, HttpFunctionRunner runner)
{
    public const string Route = "POST /v1/challenge/totp/associate";

    public ChallengeAssociateTotpFunction() : this(ServiceRoot.Shared) { }

    public ChallengeAssociateTotpFunction(ServiceRoot root) : this(root.ChallengeEnrollment, root.HttpRunner) { }

    public Task<Stream> Handle(Stream input) => runner.RunAsync(input, Route, async (request, ct) =>
    {
        var body = request.ReadBody(FunctionJsonContext.Default.ChallengeAssociateBody, allowEmpty: false)!;
        var session = TotpInput.Session(body.Session);
        var username = TotpInput.Username(body.Username);
        var caller = request.Caller() with { ClientId = TotpInput.ClientId(body.ClientId) };
        var wantsQr = QrOption.Parse(request.Query("qr"));

        var result = await enrollment.AssociateAsync(caller, username, session, ct);
        var data = new AssociateData(result.SecretCode, result.OtpAuthUri, result.Issuer, result.AccountName,
            wantsQr ? QrCodeSvg.Render(result.OtpAuthUri) : null, result.Session);
        return ApiResponses.Ok(data, request.RequestId);
    });
}
