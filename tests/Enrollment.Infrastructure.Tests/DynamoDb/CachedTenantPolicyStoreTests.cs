using Enrollment.Core.Errors;
using Enrollment.Core.Identity;
using Enrollment.Core.Policy;
using Enrollment.Infrastructure.DynamoDb;
using Xunit;

namespace Enrollment.Infrastructure.Tests.DynamoDb;

public sealed class CachedTenantPolicyStoreTests
{
    private static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(60);
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2025, 3, 14, 9, 0, 0, TimeSpan.Zero));
    private readonly CountingPolicyStore _inner = new();
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public CachedTenantPolicyStoreTests()
    {
        _inner.Tenants["acme"] = new CompiledTenantPolicy(new TenantPolicy { TenantId = "acme", AppClientIds = ["c-1"] }, 3);
    }

    private CachedTenantPolicyStore Cache(TimeSpan? lifetime = null) => new(_inner, _time, lifetime ?? Lifetime);

    [Fact]
    public async Task A_warm_lookup_makes_no_inner_call_and_allocates_nothing()
    {
        var cache = Cache();
        var first = await cache.FindByTenantIdAsync("acme", Ct);
        var firstByClient = await cache.FindByClientIdAsync("c-1", Ct);

        for (var i = 0; i < 100; i++)
        {
            Assert.Same(first, await cache.FindByTenantIdAsync("acme", Ct));
            Assert.Same(firstByClient, await cache.FindByClientIdAsync("c-1", Ct));
        }
        Assert.Equal(1, _inner.TenantCalls);
        Assert.Equal(1, _inner.ClientCalls);

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 1000; i++) _ = cache.FindByTenantIdAsync("acme", CancellationToken.None);
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    [Fact]
    public async Task An_entry_is_read_again_once_its_lifetime_has_passed()
    {
        var cache = Cache();
        await cache.FindByTenantIdAsync("acme", Ct);
        _time.Advance(Lifetime - TimeSpan.FromSeconds(1));
        await cache.FindByTenantIdAsync("acme", Ct);
        Assert.Equal(1, _inner.TenantCalls);

        _inner.Tenants["acme"] = new CompiledTenantPolicy(new TenantPolicy { TenantId = "acme", DisplayName = "Changed" }, 4);
        _time.Advance(TimeSpan.FromSeconds(1));
        var refreshed = await cache.FindByTenantIdAsync("acme", Ct);
        Assert.Equal(2, _inner.TenantCalls);
        Assert.Equal(4, refreshed?.Version);
    }

    [Fact]
    public async Task Unknown_ids_are_cached_for_a_shorter_time()
    {
        var cache = Cache();
        for (var i = 0; i < 5; i++)
        {
            Assert.Null(await cache.FindByClientIdAsync("garbage", Ct));
            Assert.Null(await cache.FindByTenantIdAsync("nobody", Ct));
        }
        Assert.Equal(1, _inner.ClientCalls);
        Assert.Equal(1, _inner.TenantCalls);

        _time.Advance(CachedTenantPolicyStore.MaxNegativeLifetime);
        Assert.Null(await cache.FindByClientIdAsync("garbage", Ct));
        Assert.Equal(2, _inner.ClientCalls);
    }

    [Fact]
    public async Task A_short_lifetime_also_bounds_negative_answers()
    {
        var cache = Cache(TimeSpan.FromSeconds(2));
        await cache.FindByTenantIdAsync("nobody", Ct);
        _time.Advance(TimeSpan.FromSeconds(2));
        await cache.FindByTenantIdAsync("nobody", Ct);
        Assert.Equal(2, _inner.TenantCalls);
    }

    [Fact]
    public async Task A_failure_is_not_cached()
    {
        var cache = Cache();
        _inner.Failure = new EnrollmentException(ErrorCode.ServiceUnavailable, "down");
        for (var i = 0; i < 3; i++)
        {
            var error = await Assert.ThrowsAsync<EnrollmentException>(() => cache.FindByTenantIdAsync("acme", Ct));
            Assert.Equal(ErrorCode.ServiceUnavailable, error.Code);
        }
        Assert.Equal(3, _inner.TenantCalls);

        _inner.Failure = null;
        Assert.NotNull(await cache.FindByTenantIdAsync("acme", Ct));
        Assert.NotNull(await cache.FindByTenantIdAsync("acme", Ct));
        Assert.Equal(4, _inner.TenantCalls);
    }

    [Fact]
    public async Task Concurrent_misses_for_one_key_share_one_read()
    {
        var cache = Cache();
        _inner.Gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        // All 50 calls are made, from pool threads at once, while the first read is still held at the gate.
        var calls = await Task.WhenAll(Enumerable.Range(0, 50)
            .Select(_ => Task.Run(() => Task.FromResult(cache.FindByTenantIdAsync("acme", Ct)), Ct)));
        var clientCalls = Enumerable.Range(0, 10).Select(_ => cache.FindByClientIdAsync("c-1", Ct)).ToList();
        Assert.All(calls, t => Assert.False(t.IsCompleted));

        _inner.Gate.SetResult();
        var results = await Task.WhenAll(calls);
        await Task.WhenAll(clientCalls);

        Assert.Equal(1, _inner.TenantCalls);
        Assert.Equal(1, _inner.ClientCalls);
        Assert.All(results, r => Assert.Same(results[0], r));
    }

    [Fact]
    public async Task A_waiter_that_gives_up_does_not_cancel_the_shared_read()
    {
        var cache = Cache();
        _inner.Gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var impatient = new CancellationTokenSource();
        var first = cache.FindByTenantIdAsync("acme", impatient.Token);
        var second = cache.FindByTenantIdAsync("acme", Ct);
        impatient.Cancel();

        // The waiter's deadline passed while the store had not answered: the store's unavailability, as the store says it.
        var gaveUp = await Assert.ThrowsAsync<EnrollmentException>(() => first);
        Assert.Equal(ErrorCode.ServiceUnavailable, gaveUp.Code);
        _inner.Gate.SetResult();
        Assert.Equal(3, (await second)?.Version);
        Assert.Equal(1, _inner.TenantCalls);
    }

    [Fact]
    public async Task Junk_client_ids_past_the_bound_do_not_evict_real_tenants()
    {
        var cache = Cache();
        var byClient = await cache.FindByClientIdAsync("c-1", Ct);
        var byTenant = await cache.FindByTenantIdAsync("acme", Ct);

        for (var i = 0; i <= CachedTenantPolicyStore.MaxEntriesPerKind; i++)
        {
            Assert.Null(await cache.FindByClientIdAsync("junk-" + i, Ct));
            Assert.Null(await cache.FindByTenantIdAsync("junk-" + i, Ct));
        }
        Assert.Equal(CachedTenantPolicyStore.MaxEntriesPerKind + 2, _inner.ClientCalls);

        Assert.Same(byClient, await cache.FindByClientIdAsync("c-1", Ct));
        Assert.Same(byTenant, await cache.FindByTenantIdAsync("acme", Ct));
        Assert.Equal(CachedTenantPolicyStore.MaxEntriesPerKind + 2, _inner.ClientCalls);
        Assert.Equal(CachedTenantPolicyStore.MaxEntriesPerKind + 2, _inner.TenantCalls);

        // The negative side stayed bounded and still works: a junk id asked again after the clear is read again.
        Assert.Null(await cache.FindByClientIdAsync("junk-0", Ct));
        Assert.Equal(CachedTenantPolicyStore.MaxEntriesPerKind + 3, _inner.ClientCalls);
    }

    [Fact]
    public async Task A_zero_lifetime_disables_the_cache()
    {
        var cache = Cache(TimeSpan.Zero);
        Assert.False(cache.IsEnabled);
        for (var i = 0; i < 3; i++) await cache.FindByTenantIdAsync("acme", Ct);
        Assert.Equal(3, _inner.TenantCalls);
    }
}
