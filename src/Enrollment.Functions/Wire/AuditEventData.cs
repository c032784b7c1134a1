using Enrollment.Core.Audit;
using Enrollment.Core.Time;

namespace Enrollment.Functions.Wire;

/// <summary>One audit event as the admin API shows it (api.md "Audit events" fields, plus the acting administrator).</summary>
public sealed record AuditEventData(
    string OccurredAt,
    string EventType,
    string Outcome,
    string? Reason,
    string TenantId,
    string? Username,
    string? UserSub,
    string RequestId,
    string? ClientId,
    string? SourceIp,
    string? UserAgent,
    string? AppVersion,
    string? DeviceName,
    string? Actor,
    string? ActorSub)
{
    public static AuditEventData Of(AuditEvent e) => new(
        IsoTime.Format(e.OccurredAt), e.EventType, e.Outcome, e.Reason, e.TenantId, e.Username, e.UserSub, e.RequestId,
        e.ClientId, e.SourceIp, e.UserAgent, e.AppVersion, e.DeviceName, e.Actor, e.ActorSub);
}
