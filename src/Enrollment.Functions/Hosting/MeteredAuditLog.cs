using Enrollment.Core.Audit;
using Enrollment.Core.Errors;

namespace Enrollment.Functions.Hosting;

/// <summary>
/// The audit log with a metric on its failures: a write that fails (the attempt is then refused, fail closed) also
/// writes one log line whose EMF block counts it as <c>Enrollment / auditWriteFailures</c> (dimension
/// component=audit), the metric template.yaml's AuditWriteFailureAlarm watches. The line holds the event type,
/// outcome, tenant and request id: nothing secret is in an audit event to begin with.
/// </summary>
public sealed class MeteredAuditLog(IAuditLog inner, FunctionLog log, TimeProvider? time = null) : IAuditLog
{
    public const string MetricName = "auditWriteFailures";
    public const string Dimension = "component";
    public const string DimensionValue = "audit";

    private static readonly (string Name, string Unit)[] Metrics = [(MetricName, "Count")];
    private static readonly string[] Dimensions = [Dimension];

    public async Task WriteAsync(AuditEvent auditEvent, CancellationToken cancellationToken)
    {
        try
        {
            await inner.WriteAsync(auditEvent, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            log.Error("audit write failed",
                ("eventType", auditEvent.EventType),
                ("outcome", auditEvent.Outcome),
                ("tenantId", auditEvent.TenantId),
                ("requestId", auditEvent.RequestId),
                ("code", ex is EnrollmentException known ? ErrorCodeNames.Of(known.Code) : ex.GetType().Name),
                (Dimension, DimensionValue),
                (MetricName, 1),
                (EmbeddedMetrics.FieldName, new EmbeddedMetrics(EmbeddedMetrics.ServiceNamespace, Dimensions, Metrics, (time ?? TimeProvider.System).GetUtcNow())));
            throw;
        }
    }
}
