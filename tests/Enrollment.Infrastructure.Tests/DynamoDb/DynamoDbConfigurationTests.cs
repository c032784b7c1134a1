using Enrollment.Infrastructure.DynamoDb;
using Xunit;
using Enrollment.Testing;

namespace Enrollment.Infrastructure.Tests.DynamoDb;

public sealed class DynamoDbConfigurationTests
{
    private static Func<string, string?> Env(params (string Name, string Value)[] variables) =>
        name => variables.FirstOrDefault(v => v.Name == name).Value;

    [Fact]
    public void The_service_endpoint_variable_wins_over_the_global_one()
    {
        var settings = DynamoDbClientSettings.FromEnvironment(Env(
            ("AWS_ENDPOINT_URL", "http://127.0.0.1:1111"), ("AWS_ENDPOINT_URL_DYNAMODB", "http://127.0.0.1:2222"), ("AWS_REGION", "eu-west-1")));
        Assert.Equal(new Uri("http://127.0.0.1:2222"), settings.Endpoint);
        Assert.Equal("eu-west-1", settings.Region);

        Assert.Equal(new Uri("http://127.0.0.1:1111"), DynamoDbClientSettings.FromEnvironment(Env(("AWS_ENDPOINT_URL", "http://127.0.0.1:1111"))).Endpoint);
        Assert.Equal("eu-central-1", DynamoDbClientSettings.FromEnvironment(Env(("AWS_DEFAULT_REGION", "eu-central-1"))).Region);

        Assert.Null(DynamoDbClientSettings.FromEnvironment(Env(
            ("AWS_ENDPOINT_URL_DYNAMODB", "http://127.0.0.1:2222"), ("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS", "TRUE"))).Endpoint);

        var aws = DynamoDbClientSettings.FromEnvironment(Env());
        Assert.Null(aws.Endpoint);
        Assert.Null(aws.Region);
    }

    [Fact]
    public void FIPS_and_dual_stack_reach_the_SDK_which_applies_its_own_rule_set()
    {
        var settings = DynamoDbClientSettings.FromEnvironment(Env(("AWS_REGION", "us-gov-west-1"), ("AWS_USE_FIPS_ENDPOINT", "true"), ("AWS_USE_DUALSTACK_ENDPOINT", "true")));
        Assert.True(settings.UseFips);
        Assert.True(settings.UseDualStack);
        using var client = DynamoDbClientFactory.Create(settings, MotoFixture.Credentials);
        Assert.True(client.Config.UseFIPSEndpoint);
        Assert.True(client.Config.UseDualstackEndpoint);

        // One rule for every client: a configured endpoint with a variant is refused here as for Cognito.
        var error = Assert.Throws<InvalidOperationException>(() => DynamoDbClientSettings.FromEnvironment(Env(
            ("AWS_ENDPOINT_URL", "http://127.0.0.1:1111"), ("AWS_USE_FIPS_ENDPOINT", "true"))));
        Assert.Contains("FIPS and custom endpoint are not supported", error.Message);
    }

    [Fact]
    public void The_client_is_bounded_so_an_outage_fails_fast()
    {
        using var client = DynamoDbClientFactory.Create(
            new DynamoDbClientSettings { Endpoint = new Uri("http://127.0.0.1:2222"), Region = "eu-west-1" }, MotoFixture.Credentials);
        Assert.Equal("http://127.0.0.1:2222/", client.Config.ServiceURL);
        Assert.Equal("eu-west-1", client.Config.AuthenticationRegion);
        Assert.Equal(TimeSpan.FromSeconds(2), client.Config.Timeout);
        Assert.Equal(2, client.Config.MaxErrorRetry);

        using var regional = DynamoDbClientFactory.Create(new DynamoDbClientSettings { Region = "eu-west-1" }, MotoFixture.Credentials);
        Assert.Equal("eu-west-1", regional.Config.RegionEndpoint?.SystemName);
    }

    [Fact]
    public void Table_names_come_from_the_environment_and_a_missing_one_is_named()
    {
        var names = TableNames.FromEnvironment(Env(("AUDIT_TABLE_NAME", "a"), ("TENANTS_TABLE_NAME", "t"), ("USER_STATE_TABLE_NAME", "u")));
        Assert.Equal(new TableNames("a", "t", "u"), names);

        var error = Assert.Throws<InvalidOperationException>(() => TableNames.FromEnvironment(Env(("AUDIT_TABLE_NAME", "a"), ("TENANTS_TABLE_NAME", "t"))));
        Assert.Contains("USER_STATE_TABLE_NAME", error.Message);
    }

    [Theory]
    [InlineData(null, 60)]
    [InlineData("", 60)]
    [InlineData("0", 0)]
    [InlineData("300", 300)]
    public void The_policy_cache_lifetime_is_read_in_seconds(string? value, int expectedSeconds) =>
        Assert.Equal(TimeSpan.FromSeconds(expectedSeconds),
            CachedTenantPolicyStore.LifetimeFromEnvironment(name => name == "POLICY_CACHE_SECONDS" ? value : null));

    [Theory]
    [InlineData("-5")]
    [InlineData("1.5")]
    [InlineData("sixty")]
    public void A_bad_policy_cache_lifetime_fails_at_startup(string value) =>
        Assert.Throws<InvalidOperationException>(() => CachedTenantPolicyStore.LifetimeFromEnvironment(_ => value));
}
