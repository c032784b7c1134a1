namespace Enrollment.Core.Audit;

/// <summary>
/// Where a paged read of the audit trail stands: the query it continues and, for each stream the store reads (a user's
/// partition: one; a tenant: one per shard of its index), where the next page starts in that stream. A stream is null
/// before its first read, <see cref="Exhausted"/> (no attributes) once read to the end, else the store's key of the last
/// item it passed there (attribute name to value, without the partition attribute: the store rebuilds that from the
/// tenant, so no position can name another tenant's partition).
/// <para>
/// The one cursor of the audit trail. The admin API hands it to clients signed (<see cref="Admin.AuditCursorSigner"/>)
/// and checks it against the request (<see cref="Admin.AuditSearchCriteria"/>), in Core only; the store translates the
/// streams to and from its own start keys and checks nothing.
/// </para>
/// </summary>
public sealed record AuditCursor(AuditQuery Query, IReadOnlyList<IReadOnlyDictionary<string, string>?> Streams)
{
    public static readonly IReadOnlyDictionary<string, string> Exhausted = new Dictionary<string, string>();

    /// <summary>The first page of a query: no stream read yet (the store decides how many it reads).</summary>
    public static AuditCursor Start(AuditQuery query) => new(query, []);

    public static bool IsExhausted(IReadOnlyDictionary<string, string>? stream) => stream is { Count: 0 };
}
