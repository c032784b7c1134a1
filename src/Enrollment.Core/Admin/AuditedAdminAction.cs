using Enrollment.Core.Audit;
using Enrollment.Core.Errors;
using Enrollment.Core.Policy;

namespace Enrollment.Core.Admin;

/// <summary>
/// Runs one changing admin action (policy update, TOTP reset): authorize, act, and write exactly one audit event
/// whatever happens, denials included, with the administrator as actor. If the audit store fails after the action,
/// the caller gets SERVICE_UNAVAILABLE and the function log holds the request id.
/// </summary>
public sealed class AuditedAdminAction(TenantAdminAuthorizer authorizer, AuditTrail audit)
{
    public async Task<T> RunAsync<T>(string eventType, AdminCaller caller, string tenantId, AuditSubject subject,
        Func<TenantAdministrator, AdminActionRecord, Task<T>> action, CancellationToken cancellationToken)
    {
        var record = new AdminActionRecord(subject);
        CompiledTenantPolicy? home = null;
        T result;
        try
        {
            var authorization = await authorizer.AuthorizeAsync(caller, tenantId, cancellationToken);
            home = authorization.OwnTenant;
            result = await action(authorization.Demand(), record);
        }
        catch (EnrollmentException failure)
        {
            await audit.RecordAdminActionAsync(eventType, caller.Caller, home, record.Subject, failure, null, cancellationToken, record.FactorRemoval, record.SignOut, record.IntentAt);
            throw;
        }
        await audit.RecordAdminActionAsync(eventType, caller.Caller, home, record.Subject, null, record.SuccessReason, cancellationToken, record.FactorRemoval, record.SignOut, record.IntentAt);
        return result;
    }
}
