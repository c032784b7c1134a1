using Enrollment.Infrastructure.Configuration;

namespace Enrollment.Infrastructure.Tests.Configuration;

public sealed class AwsEndpointsTests
{
    private static AwsEndpoints With(params (string Name, string Value)[] variables)
    {
        var map = variables.ToDictionary(v => v.Name, v => v.Value);
        return new AwsEndpoints(name => map.GetValueOrDefault(name));
    }

    [Fact]
    public void Defaults_to_the_public_endpoint_in_us_east_1()
    {
        var endpoints = With();
        Assert.Equal("us-east-1", endpoints.Region);
        Assert.Equal(new Uri("https://cognito-idp.us-east-1.amazonaws.com/"), endpoints.CognitoIdentityProvider);
    }

    [Fact]
    public void Region_comes_from_AWS_REGION_before_AWS_DEFAULT_REGION()
    {
        Assert.Equal("eu-west-1", With(("AWS_REGION", "eu-west-1"), ("AWS_DEFAULT_REGION", "ap-south-1")).Region);
        Assert.Equal("ap-south-1", With(("AWS_DEFAULT_REGION", "ap-south-1")).Region);
        Assert.Equal("ap-south-1", With(("AWS_REGION", " "), ("AWS_DEFAULT_REGION", "ap-south-1")).Region);
        Assert.Equal(new Uri("https://cognito-idp.eu-west-1.amazonaws.com/"), With(("AWS_REGION", "eu-west-1")).CognitoIdentityProvider);
        Assert.Equal(new Uri("https://cognito-idp.cn-north-1.amazonaws.com.cn/"), With(("AWS_REGION", "cn-north-1")).CognitoIdentityProvider);
    }

    [Fact]
    public void Service_variable_wins_over_the_global_one()
    {
        var endpoints = With(
            ("AWS_ENDPOINT_URL", "http://127.0.0.1:4000"),
            ("AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER", "http://127.0.0.1:5055"));
        Assert.Equal(new Uri("http://127.0.0.1:5055/"), endpoints.CognitoIdentityProvider);
        Assert.Equal(new Uri("http://127.0.0.1:4000/"), endpoints.Resolve("DynamoDB", "dynamodb"));
    }

    [Fact]
    public void Global_variable_applies_when_no_service_variable_is_set()
    {
        Assert.Equal(new Uri("http://localhost:4566/"), With(("AWS_ENDPOINT_URL", "http://localhost:4566")).CognitoIdentityProvider);
        Assert.Equal(new Uri("http://localhost:4566/base/"), With(("AWS_ENDPOINT_URL", "http://localhost:4566/base")).CognitoIdentityProvider);
    }

    [Fact]
    public void Configured_endpoints_can_be_ignored_as_in_the_SDKs()
    {
        var endpoints = With(("AWS_ENDPOINT_URL", "http://127.0.0.1:4000"), ("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS", "true"));
        Assert.Equal(new Uri("https://cognito-idp.us-east-1.amazonaws.com/"), endpoints.CognitoIdentityProvider);
    }

    [Theory]
    [InlineData("not a url")]
    [InlineData("ftp://example.com")]
    [InlineData("/relative")]
    public void Invalid_endpoint_is_rejected_naming_the_variable(string value)
    {
        var failure = Assert.Throws<InvalidOperationException>(() => With(("AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER", value)).CognitoIdentityProvider);
        Assert.Contains("AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER", failure.Message);
    }

    [Fact]
    public void Only_the_lookup_delegate_is_read()
    {
        var asked = new List<string>();
        var endpoints = new AwsEndpoints(name => { asked.Add(name); return null; });
        _ = endpoints.CognitoIdentityProvider;
        Assert.Equal(["AWS_REGION", "AWS_DEFAULT_REGION", "AWS_IGNORE_CONFIGURED_ENDPOINT_URLS", "AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER", "AWS_ENDPOINT_URL"], asked);
    }
}
