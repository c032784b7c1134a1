using Enrollment.Core.Admin;
using Enrollment.Functions.Hosting;
using Enrollment.Functions.Wire;

namespace Enrollment.Functions.Http;

/// <summary>GET /v1/admin/tenants/{tenantId}/policy: the tenant's policy document and version (also as the etag).</summary>
public sealed class AdminGetPolicyFunction(TenantPolicyAdminService policies, HttpFunctionRunner runner)
{
    public const string Route = "GET /v1/admin/tenants/{tenantId}/policy";

    public AdminGetPolicyFunction() : this(ServiceRoot.Shared) { }

    public AdminGetPolicyFunction(ServiceRoot root) : this(root.Policies, root.HttpRunner) { }

    public Task<Stream> Handle(Stream input) => runner.RunAsync(input, Route, async (request, ct) =>
    {
        var caller = AdminRequest.Caller(request);
        var tenantId = request.PathParameter("tenantId");

        var stored = await policies.GetAsync(caller, tenantId, ct);
        var response = ApiResponses.Ok(PolicyData.Of(stored), request.RequestId);
        response.Headers[PolicyEntityTag.ResponseHeader] = PolicyEntityTag.Format(stored.Version);
        return response;
    });
}
