using Enrollment.Core.Admin;
using Enrollment.Functions.Hosting;
using Enrollment.Functions.Wire;

namespace Enrollment.Functions.Http;

/// <summary>
/// GET /v1/admin/tenants/{tenantId}/audit?username=&amp;eventType=&amp;outcome=&amp;from=&amp;to=&amp;limit=&amp;cursor=:
/// the tenant's audit events, newest first, a page at a time; <c>format=jsonl|csv</c> exports the same page as
/// JSON Lines or CSV (<see cref="AuditExport"/>).
/// </summary>
public sealed class AdminAuditQueryFunction(AuditSearchService audit, HttpFunctionRunner runner)
{
    public const string Route = "GET /v1/admin/tenants/{tenantId}/audit";

    public AdminAuditQueryFunction() : this(ServiceRoot.Shared) { }

    public AdminAuditQueryFunction(ServiceRoot root) : this(root.Audit, root.HttpRunner) { }

    public Task<Stream> Handle(Stream input) => runner.RunAsync(input, Route, async (request, ct) =>
    {
        var caller = AdminRequest.Caller(request);
        var tenantId = request.PathParameter("tenantId");
        var search = new AuditSearchRequest(
            request.Query("username"), request.Query("eventType"), request.Query("outcome"),
            request.Query("from"), request.Query("to"), request.Query("limit"), request.Query("cursor"));

        var format = AuditExport.ParseFormat(request.Query("format"));

        var result = await audit.SearchAsync(caller, tenantId, search, ct);
        if (format is not null) return AuditExport.Render(result, format, firstPage: string.IsNullOrEmpty(search.Cursor), request.RequestId);
        return ApiResponses.Ok(AuditPageData.Of(result), request.RequestId);
    });
}
