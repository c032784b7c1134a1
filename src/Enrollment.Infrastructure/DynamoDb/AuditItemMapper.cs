using System.Globalization;
using Amazon.DynamoDBv2.Model;
using Enrollment.Core.Audit;
using Enrollment.Core.Time;
using static Enrollment.Infrastructure.DynamoDb.Attributes;

namespace Enrollment.Infrastructure.DynamoDb;

/// <summary>AuditEvent to and from a DynamoDB item, by hand: no reflection, and absent fields are simply not written.</summary>
internal static class AuditItemMapper
{
    public static Dictionary<string, AttributeValue> ToItem(AuditEvent e)
    {
        var item = new Dictionary<string, AttributeValue>(24, StringComparer.Ordinal)
        {
            [AuditKeys.PartitionKey] = S(AuditKeys.PartitionOf(e.TenantId, e.Username, e.RequestId)),
            [AuditKeys.SortKey] = S(AuditKeys.TimeSortKey(e.OccurredAt, e.RequestId)),
            [AuditKeys.IndexPartitionKey] = S(AuditKeys.TenantShard(e.TenantId, AuditKeys.ShardOf(e.RequestId))),
            [AuditKeys.IndexSortKey] = S(AuditKeys.TimeSortKey(e.OccurredAt, e.RequestId)),
            ["tenantId"] = S(e.TenantId),
            ["eventType"] = S(e.EventType),
            ["outcome"] = S(e.Outcome),
            ["requestId"] = S(e.RequestId),
            ["occurredAt"] = S(IsoTime.Format(e.OccurredAt)),
            [AuditKeys.TimeToLive] = new AttributeValue { N = e.ExpiresAt.ToString(CultureInfo.InvariantCulture) },
        };
        AddOptional(item, "userSub", e.UserSub);
        AddOptional(item, "username", e.Username);
        AddOptional(item, "reason", e.Reason);
        AddOptional(item, "clientId", e.ClientId);
        AddOptional(item, "sourceIp", e.SourceIp);
        AddOptional(item, "userAgent", e.UserAgent);
        AddOptional(item, "appVersion", e.AppVersion);
        AddOptional(item, "deviceName", e.DeviceName);
        AddOptional(item, "actor", e.Actor);
        AddOptional(item, "factorRemoval", e.FactorRemoval);
        AddOptional(item, "actorSub", e.ActorSub);
        AddOptional(item, "signOut", e.SignOut);
        return item;
    }

    public static AuditEvent FromItem(Dictionary<string, AttributeValue> item) => new()
    {
        TenantId = Required(item, "tenantId"),
        UserSub = Optional(item, "userSub"),
        Username = Optional(item, "username"),
        EventType = Required(item, "eventType"),
        Outcome = Required(item, "outcome"),
        Reason = Optional(item, "reason"),
        RequestId = Required(item, "requestId"),
        OccurredAt = IsoTime.Parse(Required(item, "occurredAt")),
        ClientId = Optional(item, "clientId"),
        SourceIp = Optional(item, "sourceIp"),
        UserAgent = Optional(item, "userAgent"),
        AppVersion = Optional(item, "appVersion"),
        DeviceName = Optional(item, "deviceName"),
        Actor = Optional(item, "actor"),
        FactorRemoval = Optional(item, "factorRemoval"),
        ActorSub = Optional(item, "actorSub"),
        SignOut = Optional(item, "signOut"),
        ExpiresAt = item.TryGetValue(AuditKeys.TimeToLive, out var ttl) && ttl.N is { } n ? long.Parse(n, CultureInfo.InvariantCulture) : 0,
    };

    /// <summary>Same attributes with the same string and number values: how a retried write is told from a collision.</summary>
    public static bool SameItem(Dictionary<string, AttributeValue>? stored, Dictionary<string, AttributeValue> written)
    {
        if (stored is null || stored.Count != written.Count) return false;
        foreach (var (name, value) in written)
        {
            if (!stored.TryGetValue(name, out var other) || other.S != value.S || other.N != value.N) return false;
        }
        return true;
    }

    // Empty strings are dropped with nulls: "not known" has one representation.
    private static void AddOptional(Dictionary<string, AttributeValue> item, string name, string? value)
    {
        if (!string.IsNullOrEmpty(value)) item[name] = S(value);
    }

    private static string? Optional(Dictionary<string, AttributeValue> item, string name) =>
        item.TryGetValue(name, out var value) ? value.S : null;

    private static string Required(Dictionary<string, AttributeValue> item, string name) =>
        Optional(item, name) ?? throw new FormatException($"The audit item has no '{name}' attribute.");
}
