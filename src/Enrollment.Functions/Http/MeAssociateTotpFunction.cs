using Enrollment.Core.SelfService;
using Enrollment.Core.Totp;
using Enrollment.Core.UserPool;
using Enrollment.Functions.Hosting;
using Enrollment.Functions.Wire;

namespace Enrollment.Functions.Http;

/// <summary>POST /v1/me/totp/associate: a new authenticator secret for the signed-in user.</summary>
public sealed class MeAssociateTotpFunction(TotpEnrollmentService enrollment, HttpFunctionRunner runner)
{
    public const string Route = "POST /v1/me/totp/associate";

    public MeAssociateTotpFunction() : this(ServiceRoot.Shared) { }

    public MeAssociateTotpFunction(ServiceRoot root) : this(root.Enrollment, root.HttpRunner) { }

    public Task<Stream> Handle(Stream input) => runner.RunAsync(input, Route, async (request, ct) =>
    {
        var caller = request.SignedInCaller();
        var token = request.BearerToken();
        request.ReadBody(FunctionJsonContext.Default.AssociateBody, allowEmpty: true); // {} or empty; only its shape is checked
        var wantsQr = QrOption.Parse(request.Query("qr"));

        var result = await enrollment.AssociateAsync(caller, TotpCredential.AccessToken(token), ct);
        var data = new AssociateData(result.SecretCode, result.OtpAuthUri, result.Issuer, result.AccountName,
            wantsQr ? QrCodeSvg.Render(result.OtpAuthUri) : null, Session: null);
        return ApiResponses.Ok(data, request.RequestId);
    });
}
