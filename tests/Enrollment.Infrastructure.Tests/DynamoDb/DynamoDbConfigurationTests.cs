using Enrollment.Infrastructure.DynamoDb;
using Xunit;

namespace Enrollment.Infrastructure.Tests.DynamoDb;

public sealed class DynamoDbConfigurationTests
{
    [Fact]
    public void The_client_is_bounded_so_an_outage_fails_fast()
    {
        using var client = DynamoDbClientFactory.Create(
            new DynamoDbClientSettings { Endpoint = new Uri("http://127.0.0.1:2222"), Region = "eu-west-1" }, DynamoMotoFixture.Credentials);
        Assert.Equal("http://127.0.0.1:2222/", client.Config.ServiceURL);
        Assert.Equal("eu-west-1", client.Config.AuthenticationRegion);
        Assert.Equal(TimeSpan.FromSeconds(2), client.Config.Timeout);
        Assert.Equal(2, client.Config.MaxErrorRetry);

        using var regional = DynamoDbClientFactory.Create(new DynamoDbClientSettings { Region = "eu-west-1" }, DynamoMotoFixture.Credentials);
        Assert.Equal("eu-west-1", regional.Config.RegionEndpoint?.SystemName);
    }
}
