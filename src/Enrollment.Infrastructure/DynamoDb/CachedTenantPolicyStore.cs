using Enrollment.Core.Errors;
using System.Collections.Concurrent;
using Enrollment.Core.Policy;

namespace Enrollment.Infrastructure.DynamoDb;

/// <summary>
/// Keeps policies in process so a warm Lambda reads DynamoDB about once a minute per tenant, not per request.
/// A warm hit returns the cached completed task: no I/O, no allocation. Unknown tenants and clients are
/// cached too, for a shorter time, so garbage ids do not reach DynamoDB on every request. Concurrent misses
/// for one key share one read. Failures are never cached: the next request asks again.
/// <para>
/// Found policies and everything else (reads in flight, unknown ids) live in separate maps, each bounded: the open
/// routes let anyone send any client id, so junk ids only ever fill the second map, and trimming it can never
/// evict a real tenant (10,001 junk ids used to clear the one shared map).
/// </para>
/// </summary>
public sealed class CachedTenantPolicyStore : ITenantPolicyStore
{
    /// <summary>A tenant or client created after a negative answer works within this time.</summary>
    public static readonly TimeSpan MaxNegativeLifetime = TimeSpan.FromSeconds(10);

    /// <summary>Bounds memory when callers send many distinct (garbage) ids; far above any real tenant count.</summary>
    public const int MaxEntriesPerKind = 10_000;

    private static readonly Func<ITenantPolicyStore, string, Task<CompiledTenantPolicy?>> ByTenant =
        static (store, key) => store.FindByTenantIdAsync(key, CancellationToken.None);

    private static readonly Func<ITenantPolicyStore, string, Task<CompiledTenantPolicy?>> ByClient =
        static (store, key) => store.FindByClientIdAsync(key, CancellationToken.None);

    private readonly ITenantPolicyStore _inner;
    private readonly TimeProvider _time;
    private readonly long _lifetimeTicks;
    private readonly long _negativeLifetimeTicks;
    private readonly Shelf _byTenant = new();
    private readonly Shelf _byClient = new();

    /// <param name="lifetime">How long a found policy is served from memory; zero disables the cache.</param>
    public CachedTenantPolicyStore(ITenantPolicyStore inner, TimeProvider time, TimeSpan lifetime)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(lifetime, TimeSpan.Zero);
        _inner = inner;
        _time = time;
        _lifetimeTicks = ToTimestampTicks(lifetime);
        _negativeLifetimeTicks = ToTimestampTicks(lifetime < MaxNegativeLifetime ? lifetime : MaxNegativeLifetime);
    }

    public bool IsEnabled => _lifetimeTicks > 0;

    public Task<CompiledTenantPolicy?> FindByTenantIdAsync(string tenantId, CancellationToken cancellationToken) =>
        IsEnabled ? GetAsync(_byTenant, tenantId, ByTenant, cancellationToken) : _inner.FindByTenantIdAsync(tenantId, cancellationToken);

    public Task<CompiledTenantPolicy?> FindByClientIdAsync(string clientId, CancellationToken cancellationToken) =>
        IsEnabled ? GetAsync(_byClient, clientId, ByClient, cancellationToken) : _inner.FindByClientIdAsync(clientId, cancellationToken);

    private Task<CompiledTenantPolicy?> GetAsync(Shelf shelf, string key,
        Func<ITenantPolicyStore, string, Task<CompiledTenantPolicy?>> load, CancellationToken cancellationToken)
    {
        var now = _time.GetTimestamp();
        if (shelf.Found.TryGetValue(key, out var found) && found.IsUsableAt(now)) return found.Task;

        var cache = shelf.Other;
        while (true)
        {
            if (cache.TryGetValue(key, out var entry))
            {
                if (entry.IsUsableAt(now)) return WaitFor(entry, cancellationToken);
                var replacement = new Entry();
                if (cache.TryUpdate(key, replacement, entry)) return Load(shelf, key, replacement, load, cancellationToken);
            }
            else
            {
                var created = new Entry();
                if (cache.TryAdd(key, created))
                {
                    TrimIfFull(cache, now);
                    return Load(shelf, key, created, load, cancellationToken);
                }
            }
            // Another caller replaced or added the entry first: use theirs.
        }
    }

    /// <summary>The read is shared, so it runs without any one caller's token; each caller stops waiting on its own.</summary>
    private Task<CompiledTenantPolicy?> Load(Shelf shelf, string key, Entry entry,
        Func<ITenantPolicyStore, string, Task<CompiledTenantPolicy?>> load, CancellationToken cancellationToken)
    {
        _ = FillAsync(shelf, key, entry, load);
        return WaitFor(entry, cancellationToken);
    }

    private async Task FillAsync(Shelf shelf, string key, Entry entry, Func<ITenantPolicyStore, string, Task<CompiledTenantPolicy?>> load)
    {
        try
        {
            var policy = await load(_inner, key).ConfigureAwait(false);
            var lifetime = policy is null ? _negativeLifetimeTicks : _lifetimeTicks;
            entry.Succeed(policy, _time.GetTimestamp() + lifetime);
            if (policy is null) return;
            // A found policy moves to its own map, where junk ids never go.
            shelf.Found[key] = entry;
            TrimIfFull(shelf.Found, _time.GetTimestamp());
            shelf.Other.TryRemove(KeyValuePair.Create(key, entry));
        }
        catch (Exception ex)
        {
            // Removed before the waiters see the failure, so their retry starts a fresh read.
            shelf.Other.TryRemove(KeyValuePair.Create(key, entry));
            entry.Fail(ex);
        }
    }

    /// <summary>
    /// A caller whose request deadline passes while the shared read is still out stops waiting. The store is the
    /// dependency that did not answer in time, so that is SERVICE_UNAVAILABLE, as the store itself would say.
    /// </summary>
    private static Task<CompiledTenantPolicy?> WaitFor(Entry entry, CancellationToken cancellationToken) =>
        entry.Task.IsCompleted || !cancellationToken.CanBeCanceled ? entry.Task : WaitWithDeadlineAsync(entry.Task, cancellationToken);

    private static async Task<CompiledTenantPolicy?> WaitWithDeadlineAsync(Task<CompiledTenantPolicy?> read, CancellationToken cancellationToken)
    {
        try
        {
            return await read.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw StoreFailures.PolicyUnavailable();
        }
    }

    /// <summary>Runs on misses only. Expired entries go first; if all are fresh, everything goes (it refills).</summary>
    private static void TrimIfFull(ConcurrentDictionary<string, Entry> cache, long now)
    {
        if (cache.Count <= MaxEntriesPerKind) return;
        foreach (var pair in cache)
        {
            if (!pair.Value.IsUsableAt(now)) cache.TryRemove(pair);
        }
        if (cache.Count > MaxEntriesPerKind) cache.Clear();
    }

    private long ToTimestampTicks(TimeSpan span) => (long)(span.TotalSeconds * _time.TimestampFrequency);

    /// <summary>One kind of key (tenant id or client id): found policies apart from reads in flight and unknown ids.</summary>
    private sealed class Shelf
    {
        public ConcurrentDictionary<string, Entry> Found { get; } = new(StringComparer.Ordinal);

        public ConcurrentDictionary<string, Entry> Other { get; } = new(StringComparer.Ordinal);
    }

    /// <summary>One key's answer: in flight (usable: callers join it), or done with an expiry.</summary>
    private sealed class Entry
    {
        private readonly TaskCompletionSource<CompiledTenantPolicy?> _result = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private long _expiresAt = long.MaxValue;

        public Task<CompiledTenantPolicy?> Task => _result.Task;

        public bool IsUsableAt(long now) =>
            !Task.IsCompleted || (Task.IsCompletedSuccessfully && now < Volatile.Read(ref _expiresAt));

        public void Succeed(CompiledTenantPolicy? policy, long expiresAt)
        {
            // The expiry is in place before any reader can see the task completed.
            Volatile.Write(ref _expiresAt, expiresAt);
            _result.SetResult(policy);
        }

        public void Fail(Exception exception) => _result.SetException(exception);
    }
}
