using Enrollment.Core.SelfService;
using Enrollment.Core.Totp;
using Enrollment.Functions.Hosting;
using Enrollment.Functions.Wire;

namespace Enrollment.Functions.Http;

/// <summary>
/// DELETE /v1/me/totp: the signed-in user removes their authenticator (after a recent sign-in, where the
/// tenant allows it); the recovery codes and the enrollment record go with it.
/// </summary>
public sealed class MeDisableTotpFunction(TotpLifecycleService lifecycle, HttpFunctionRunner runner)
{
    public const string Route = "DELETE /v1/me/totp";

    public MeDisableTotpFunction() : this(ServiceRoot.Shared) { }

    public MeDisableTotpFunction(ServiceRoot root) : this(root.Lifecycle, root.HttpRunner) { }

    public Task<Stream> Handle(Stream input) => runner.RunAsync(input, Route, async (request, ct) =>
    {
        var caller = request.SignedInCaller();
        var token = request.BearerToken();
        request.ReadBody(FunctionJsonContext.Default.AssociateBody, allowEmpty: true); // none expected; only its shape is checked

        await lifecycle.DisableAsync(caller, token, ct);
        return ApiResponses.Ok(new TotpDisabledData("DISABLED", MfaEnabled: false), request.RequestId);
    });
}
