using System.Diagnostics;
using Amazon.DynamoDBv2.Model;
using Enrollment.Core.Errors;
using Enrollment.Infrastructure.DynamoDb;
using Enrollment.Testing;
using Xunit;

namespace Enrollment.Infrastructure.Tests.DynamoDb;

/// <summary>
/// DynamoDB hung (a loopback listener that accepts and never answers), with the production client settings and
/// a 1 s attempt: a store fails closed with SERVICE_UNAVAILABLE after one attempt, not after retries and backoff.
/// </summary>
public sealed class DynamoDbHungTests : IDisposable
{
    private static readonly TimeSpan Attempt = TimeSpan.FromSeconds(1);
    private readonly HungListener _hung = new();
    private readonly Amazon.DynamoDBv2.AmazonDynamoDBClient _client;

    public DynamoDbHungTests() => _client = DynamoDbClientFactory.Create(
        new DynamoDbClientSettings { Endpoint = _hung.Endpoint, Region = "us-east-1", AttemptTimeout = Attempt }, MotoFixture.Credentials);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose()
    {
        _client.Dispose();
        _hung.Dispose();
    }

    [Fact]
    public async Task A_hung_store_is_unavailable_after_one_attempt()
    {
        // The first call of a process also pays the SDK's start-up; time a warm client.
        await Assert.ThrowsAnyAsync<Exception>(() => _client.GetItemAsync(new GetItemRequest { TableName = "t", Key = new() { ["pk"] = new AttributeValue("x") } }, Ct));
        var before = _hung.Accepted;

        var clock = Stopwatch.StartNew();
        var error = await Assert.ThrowsAsync<EnrollmentException>(() => new DynamoDbTenantPolicyStore(_client, "tenants").FindByClientIdAsync("c-1", Ct));
        clock.Stop();

        Assert.Equal(ErrorCode.ServiceUnavailable, error.Code);
        Assert.Null(error.InnerException);
        Assert.Equal(1, _hung.Accepted - before);
        Assert.True(clock.Elapsed >= Attempt * 0.9, $"answered before the attempt timed out: {clock.Elapsed}");
        Assert.True(clock.Elapsed < Attempt * 2.5, $"took {clock.Elapsed}");
    }

    [Fact]
    public async Task The_request_deadline_expiring_in_a_store_call_is_the_stores_unavailability()
    {
        using var slow = DynamoDbClientFactory.Create(
            new DynamoDbClientSettings { Endpoint = _hung.Endpoint, Region = "us-east-1", AttemptTimeout = TimeSpan.FromSeconds(30) }, MotoFixture.Credentials);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        deadline.CancelAfter(TimeSpan.FromMilliseconds(500));

        var clock = Stopwatch.StartNew();
        var error = await Assert.ThrowsAsync<EnrollmentException>(() => new DynamoDbTenantPolicyStore(slow, "tenants").FindByTenantIdAsync("acme", deadline.Token));

        Assert.Equal(ErrorCode.ServiceUnavailable, error.Code);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"took {clock.Elapsed}");
    }
}
