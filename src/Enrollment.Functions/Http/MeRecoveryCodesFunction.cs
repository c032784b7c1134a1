using Enrollment.Core.SelfService;
using Enrollment.Core.Time;
using Enrollment.Core.Totp;
using Enrollment.Functions.Hosting;
using Enrollment.Functions.Wire;

namespace Enrollment.Functions.Http;

/// <summary>
/// POST /v1/me/totp/recovery-codes: a new set of recovery codes for an enrolled user (after a recent sign-in);
/// the old set stops working. The codes are in this answer only.
/// </summary>
public sealed class MeRecoveryCodesFunction(TotpLifecycleService lifecycle, HttpFunctionRunner runner)
{
    public const string Route = "POST /v1/me/totp/recovery-codes";

    public MeRecoveryCodesFunction() : this(ServiceRoot.Shared) { }

    public MeRecoveryCodesFunction(ServiceRoot root) : this(root.Lifecycle, root.HttpRunner) { }

    public Task<Stream> Handle(Stream input) => runner.RunAsync(input, Route, async (request, ct) =>
    {
        var caller = request.SignedInCaller();
        var token = request.BearerToken();
        request.ReadBody(FunctionJsonContext.Default.AssociateBody, allowEmpty: true); // {} or empty; only its shape is checked

        var issued = await lifecycle.ReplaceRecoveryCodesAsync(caller, token, ct);
        var data = new RecoveryCodesData(issued.Codes, IsoTime.Format(issued.IssuedAt));
        return ApiResponses.Ok(data, request.RequestId);
    });
}
