using Enrollment.Core.SelfService;
using Enrollment.Core.Time;
using Enrollment.Core.Totp;
using Enrollment.Functions.Hosting;
using Enrollment.Functions.Wire;

namespace Enrollment.Functions.Http;

/// <summary>GET /v1/me/totp: whether the signed-in user has an authenticator, its name and age, and codes left.</summary>
public sealed class MeTotpStatusFunction(TotpLifecycleService lifecycle, HttpFunctionRunner runner)
{
    public const string Route = "GET /v1/me/totp";

    public MeTotpStatusFunction() : this(ServiceRoot.Shared) { }

    public MeTotpStatusFunction(ServiceRoot root) : this(root.Lifecycle, root.HttpRunner) { }

    public Task<Stream> Handle(Stream input) => runner.RunAsync(input, Route, async (request, ct) =>
    {
        var caller = request.SignedInCaller();
        var token = request.BearerToken();

        var status = await lifecycle.GetStatusAsync(caller, token, ct);
        var data = new TotpStatusData(status.Enrolled, status.Preferred, status.DeviceName,
            status.EnrolledAt is { } at ? IsoTime.Format(at) : null, status.RecoveryCodesRemaining);
        return ApiResponses.Ok(data, request.RequestId);
    });
}
