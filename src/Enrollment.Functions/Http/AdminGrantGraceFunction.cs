using Enrollment.Core.Admin;
using Enrollment.Functions.Hosting;
using Enrollment.Functions.Wire;

namespace Enrollment.Functions.Http;

/// <summary>
/// POST /v1/admin/tenants/{tenantId}/users/{username}/grace: grants a user of the tenant a new grace period from now
/// (the only way one starts again). No body is read.
/// </summary>
public sealed class AdminGrantGraceFunction(GraceGrantService grace, HttpFunctionRunner runner)
{
    public const string Route = "POST /v1/admin/tenants/{tenantId}/users/{username}/grace";

    public AdminGrantGraceFunction() : this(ServiceRoot.Shared) { }

    public AdminGrantGraceFunction(ServiceRoot root) : this(root.Grace, root.HttpRunner) { }

    public Task<Stream> Handle(Stream input) => runner.RunAsync(input, Route, async (request, ct) =>
    {
        var caller = AdminRequest.Caller(request);
        var tenantId = request.PathParameter("tenantId");
        var username = request.PathParameter("username");

        var result = await grace.GrantAsync(caller, tenantId, username, ct);
        return ApiResponses.Ok(GraceGrantData.Of(result), request.RequestId);
    });
}
