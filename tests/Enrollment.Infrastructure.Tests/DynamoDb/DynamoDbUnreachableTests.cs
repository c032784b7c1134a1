using System.Diagnostics;
using Enrollment.Core.Audit;
using Enrollment.Core.Errors;
using Enrollment.Core.Identity;
using Enrollment.Core.Limits;
using Enrollment.Core.Policy;
using Enrollment.Infrastructure.DynamoDb;
using Enrollment.Testing;
using Xunit;

namespace Enrollment.Infrastructure.Tests.DynamoDb;

/// <summary>
/// DynamoDB down (a closed loopback port), with the production client settings: every store fails closed
/// with ServiceUnavailable in a few seconds, and no library text reaches the message.
/// </summary>
public sealed class DynamoDbUnreachableTests : IDisposable
{
    private static readonly TimeSpan FailFastBound = TimeSpan.FromSeconds(10);
    private readonly Amazon.DynamoDBv2.AmazonDynamoDBClient _client = DynamoDbClientFactory.Create(
        new DynamoDbClientSettings { Endpoint = new Uri($"http://127.0.0.1:{MotoServer.FreePort()}"), Region = "us-east-1" },
        DynamoMotoFixture.Credentials);
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose() => _client.Dispose();

    [Fact]
    public Task The_audit_log() => AssertUnavailable(
        () => new DynamoDbAuditLog(_client, "audit").WriteAsync(new AuditEvent
        {
            TenantId = "acme",
            EventType = AuditEventType.TotpAssociate,
            Outcome = AuditOutcome.Success,
            RequestId = "r-1",
            OccurredAt = DateTimeOffset.UtcNow,
            ExpiresAt = 0,
        }, Ct),
        "The audit store is unavailable; nothing was returned.");

    [Fact]
    public Task The_audit_reader() => AssertUnavailable(
        () => new DynamoDbAuditReader(_client, "audit").ReadAsync(AuditCursor.Start(new AuditQuery("acme", null, null, null, DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow)), 50, Ct),
        "The audit store is unavailable; nothing was returned.");

    [Fact]
    public Task The_policy_store_by_tenant() => AssertUnavailable(
        () => new DynamoDbTenantPolicyStore(_client, "tenants").FindByTenantIdAsync("acme", Ct), PolicyMessage);

    [Fact]
    public Task The_policy_store_by_client() => AssertUnavailable(
        () => new DynamoDbTenantPolicyStore(_client, "tenants").FindByClientIdAsync("c-1", Ct), PolicyMessage);

    [Fact]
    public Task The_policy_store_writing() => AssertUnavailable(
        () => new DynamoDbTenantPolicyStore(_client, "tenants").PutAsync(new TenantPolicy { TenantId = "acme" }, null, Ct), PolicyMessage);

    [Fact]
    public Task The_cached_policy_store() => AssertUnavailable(
        () => new CachedTenantPolicyStore(new DynamoDbTenantPolicyStore(_client, "tenants"), TimeProvider.System, TimeSpan.FromSeconds(60))
            .FindByClientIdAsync("c-1", Ct),
        PolicyMessage);

    [Fact]
    public Task The_rate_limiter_acquiring() => AssertUnavailable(
        () => new DynamoDbRateLimiter(_client, "user-state").TryAcquireAsync(RateLimitCounter.Hourly("acme", RateLimitSubject.User("jane"), "associate", DateTimeOffset.UtcNow), 5, Ct),
        RateLimitMessage);

    [Fact]
    public Task The_rate_limiter_releasing() => AssertUnavailable(
        () => new DynamoDbRateLimiter(_client, "user-state").ReleaseAsync(RateLimitCounter.Hourly("acme", RateLimitSubject.User("jane"), "associate", DateTimeOffset.UtcNow), Ct),
        RateLimitMessage);

    private const string PolicyMessage = "The tenant policy store is unavailable; nothing was returned.";
    private const string RateLimitMessage = "The rate limit store is unavailable; nothing was returned.";

    private static async Task AssertUnavailable(Func<Task> call, string expectedMessage)
    {
        var clock = Stopwatch.StartNew();
        var error = await Assert.ThrowsAsync<EnrollmentException>(call);
        clock.Stop();

        Assert.Equal(ErrorCode.ServiceUnavailable, error.Code);
        Assert.Equal(expectedMessage, error.Message);
        Assert.Null(error.InnerException);
        Assert.True(clock.Elapsed < FailFastBound, $"took {clock.Elapsed}");
    }
}
