using Enrollment.Core.Admin;
using Enrollment.Functions.Hosting;
using Enrollment.Functions.Wire;

namespace Enrollment.Functions.Http;

/// <summary>
/// POST /v1/admin/tenants/{tenantId}/users/{username}/totp/reset: removes a user's authenticator so they enroll
/// again at the next sign-in. No body is read. The only HTTP function granted Admin* user pool calls.
/// </summary>
public sealed class AdminResetTotpFunction(TotpResetService reset, HttpFunctionRunner runner)
{
    public const string Route = "POST /v1/admin/tenants/{tenantId}/users/{username}/totp/reset";

    public AdminResetTotpFunction() : this(ServiceRoot.Shared) { }

    public AdminResetTotpFunction(ServiceRoot root) : this(root.Reset, root.HttpRunner) { }

    public Task<Stream> Handle(Stream input) => runner.RunAsync(input, Route, async (request, ct) =>
    {
        var caller = AdminRequest.Caller(request);
        var tenantId = request.PathParameter("tenantId");
        var username = request.PathParameter("username");

        var result = await reset.ResetAsync(caller, tenantId, username, ct);
        return ApiResponses.Ok(TotpResetData.Of(result), request.RequestId);
    });
}
