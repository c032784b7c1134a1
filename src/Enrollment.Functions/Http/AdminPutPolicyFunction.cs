using Enrollment.Core.Admin;
using Enrollment.Functions.Hosting;
using Enrollment.Functions.Wire;

namespace Enrollment.Functions.Http;

/// <summary>
/// PUT /v1/admin/tenants/{tenantId}/policy: replaces the policy document if its version is still the one in
/// if-match. The request's shape (if-match, JSON, fields, values) is checked before anything is read.
/// </summary>
public sealed class AdminPutPolicyFunction(TenantPolicyAdminService policies, TimeSpan policyCacheLifetime, HttpFunctionRunner runner)
{
    public const string Route = "PUT /v1/admin/tenants/{tenantId}/policy";

    public AdminPutPolicyFunction() : this(ServiceRoot.Shared) { }

    public AdminPutPolicyFunction(ServiceRoot root) : this(root.Policies, root.Settings.PolicyCacheLifetime, root.HttpRunner) { }

    public Task<Stream> Handle(Stream input) => runner.RunAsync(input, Route, async (request, ct) =>
    {
        var caller = AdminRequest.Caller(request);
        var tenantId = request.PathParameter("tenantId");
        var expectedVersion = PolicyEntityTag.ParseIfMatch(request.Raw.Header(PolicyEntityTag.RequestHeader));
        var document = AdminPolicyDocument.ParseFor(request.BodyText(), tenantId);

        var result = await policies.UpdateAsync(caller, tenantId, document, expectedVersion, ct);
        // Other functions serve their cached copy until it expires: say how long the change may take to apply.
        var data = PolicyData.Of(result.Policy, result.CallerRemainsAdmin, (int)policyCacheLifetime.TotalSeconds);
        var response = ApiResponses.Ok(data, request.RequestId);
        response.Headers[PolicyEntityTag.ResponseHeader] = PolicyEntityTag.Format(result.Policy.Version);
        return response;
    });
}
