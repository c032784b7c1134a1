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
        Assert.Equal(["AWS_REGION", "AWS_DEFAULT_REGION", "AWS_IGNORE_CONFIGURED_ENDPOINT_URLS", "AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER", "AWS_ENDPOINT_URL",
            "AWS_USE_FIPS_ENDPOINT", "AWS_USE_DUALSTACK_ENDPOINT"], asked);
    }

    /// <summary>
    /// Every partition and variant, as botocore's rule set resolves them: generated with botocore 1.43.11 on this
    /// machine (the client's ruleset resolver, endpoint-rule-set-1.json.gz with partitions.json), not written by hand.
    /// </summary>
    public static TheoryData<string, bool, bool, string> BotocoreCognitoEndpoints() => new()
    {
        { "us-east-1", false, false, "https://cognito-idp.us-east-1.amazonaws.com/" },
        { "us-east-1", true, false, "https://cognito-idp-fips.us-east-1.amazonaws.com/" },
        { "us-east-1", false, true, "https://cognito-idp.us-east-1.amazonaws.com/" },
        { "us-east-1", true, true, "https://cognito-idp-fips.us-east-1.amazonaws.com/" },
        { "us-west-2", false, false, "https://cognito-idp.us-west-2.amazonaws.com/" },
        { "us-west-2", true, false, "https://cognito-idp-fips.us-west-2.amazonaws.com/" },
        { "us-west-2", false, true, "https://cognito-idp.us-west-2.amazonaws.com/" },
        { "us-west-2", true, true, "https://cognito-idp-fips.us-west-2.amazonaws.com/" },
        { "eu-west-1", false, false, "https://cognito-idp.eu-west-1.amazonaws.com/" },
        { "eu-west-1", true, false, "https://cognito-idp-fips.eu-west-1.amazonaws.com/" },
        { "eu-west-1", false, true, "https://cognito-idp.eu-west-1.amazonaws.com/" },
        { "eu-west-1", true, true, "https://cognito-idp-fips.eu-west-1.api.aws/" },
        { "ca-west-1", false, false, "https://cognito-idp.ca-west-1.amazonaws.com/" },
        { "ca-west-1", true, false, "https://cognito-idp-fips.ca-west-1.amazonaws.com/" },
        { "ca-west-1", false, true, "https://cognito-idp.ca-west-1.amazonaws.com/" },
        { "ca-west-1", true, true, "https://cognito-idp-fips.ca-west-1.api.aws/" },
        { "cn-north-1", false, false, "https://cognito-idp.cn-north-1.amazonaws.com.cn/" },
        { "cn-north-1", true, false, "https://cognito-idp-fips.cn-north-1.amazonaws.com.cn/" },
        { "cn-north-1", false, true, "https://cognito-idp.cn-north-1.api.amazonwebservices.com.cn/" },
        { "cn-north-1", true, true, "https://cognito-idp-fips.cn-north-1.api.amazonwebservices.com.cn/" },
        { "us-gov-west-1", false, false, "https://cognito-idp.us-gov-west-1.amazonaws.com/" },
        { "us-gov-west-1", true, false, "https://cognito-idp-fips.us-gov-west-1.amazonaws.com/" },
        { "us-gov-west-1", false, true, "https://cognito-idp.us-gov-west-1.api.aws/" },
        { "us-gov-west-1", true, true, "https://cognito-idp-fips.us-gov-west-1.api.aws/" },
        { "us-iso-east-1", false, false, "https://cognito-idp.us-iso-east-1.c2s.ic.gov/" },
        { "us-iso-east-1", true, false, "https://cognito-idp-fips.us-iso-east-1.c2s.ic.gov/" },
        { "us-iso-east-1", false, true, "https://cognito-idp.us-iso-east-1.api.aws.ic.gov/" },
        { "us-iso-east-1", true, true, "https://cognito-idp-fips.us-iso-east-1.api.aws.ic.gov/" },
        { "us-isob-east-1", false, false, "https://cognito-idp.us-isob-east-1.sc2s.sgov.gov/" },
        { "us-isob-east-1", true, false, "https://cognito-idp-fips.us-isob-east-1.sc2s.sgov.gov/" },
        { "us-isob-east-1", false, true, "https://cognito-idp.us-isob-east-1.api.aws.scloud/" },
        { "us-isob-east-1", true, true, "https://cognito-idp-fips.us-isob-east-1.api.aws.scloud/" },
        { "eu-isoe-west-1", false, false, "https://cognito-idp.eu-isoe-west-1.cloud.adc-e.uk/" },
        { "eu-isoe-west-1", true, false, "https://cognito-idp-fips.eu-isoe-west-1.cloud.adc-e.uk/" },
        { "eu-isoe-west-1", false, true, "https://cognito-idp.eu-isoe-west-1.api.cloud-aws.adc-e.uk/" },
        { "eu-isoe-west-1", true, true, "https://cognito-idp-fips.eu-isoe-west-1.api.cloud-aws.adc-e.uk/" },
        { "us-isof-south-1", false, false, "https://cognito-idp.us-isof-south-1.csp.hci.ic.gov/" },
        { "us-isof-south-1", true, false, "https://cognito-idp-fips.us-isof-south-1.csp.hci.ic.gov/" },
        { "us-isof-south-1", false, true, "https://cognito-idp.us-isof-south-1.api.aws.hci.ic.gov/" },
        { "us-isof-south-1", true, true, "https://cognito-idp-fips.us-isof-south-1.api.aws.hci.ic.gov/" },
        { "eusc-de-east-1", false, false, "https://cognito-idp.eusc-de-east-1.amazonaws.eu/" },
        { "eusc-de-east-1", true, false, "https://cognito-idp-fips.eusc-de-east-1.amazonaws.eu/" },
        { "eusc-de-east-1", false, true, "https://cognito-idp.eusc-de-east-1.api.amazonwebservices.eu/" },
        { "eusc-de-east-1", true, true, "https://cognito-idp-fips.eusc-de-east-1.api.amazonwebservices.eu/" },
        { "xx-new-1", false, false, "https://cognito-idp.xx-new-1.amazonaws.com/" },
        { "xx-new-1", true, false, "https://cognito-idp-fips.xx-new-1.amazonaws.com/" },
        { "xx-new-1", false, true, "https://cognito-idp.xx-new-1.amazonaws.com/" },
        { "xx-new-1", true, true, "https://cognito-idp-fips.xx-new-1.api.aws/" },
    };

    [Theory]
    [MemberData(nameof(BotocoreCognitoEndpoints))]
    public void Cognito_endpoints_follow_botocores_rule_set(string region, bool fips, bool dualStack, string expected)
    {
        var endpoints = With(("AWS_REGION", region), ("AWS_USE_FIPS_ENDPOINT", fips ? "true" : "false"), ("AWS_USE_DUALSTACK_ENDPOINT", dualStack ? "TRUE" : "no"));
        Assert.Equal(new Uri(expected), endpoints.CognitoIdentityProvider);
    }

    [Theory]
    [InlineData("AWS_USE_FIPS_ENDPOINT", "FIPS and custom endpoint are not supported")]
    [InlineData("AWS_USE_DUALSTACK_ENDPOINT", "Dualstack and custom endpoint are not supported")]
    public void A_variant_with_a_configured_endpoint_is_the_rule_sets_configuration_error(string variable, string message)
    {
        var endpoints = With(("AWS_ENDPOINT_URL", "http://127.0.0.1:4566"), (variable, "true"));
        Assert.Contains(message, Assert.Throws<InvalidOperationException>(() => endpoints.CognitoIdentityProvider).Message);
        Assert.Contains(message, Assert.Throws<InvalidOperationException>(() => endpoints.ConfiguredEndpoint("DynamoDB")).Message);
    }

    [Theory]
    [InlineData("cognito-idp.us-east-1.amazonaws.com", true)]
    [InlineData("cognito-idp-fips.eu-west-1.api.aws", true)]
    [InlineData("cognito-idp.cn-north-1.amazonaws.com.cn", true)]
    [InlineData("vpce-0abc.cognito-idp.us-east-1.vpce.amazonaws.com", true)]
    [InlineData("cognito-idp.us-iso-east-1.c2s.ic.gov", true)]
    [InlineData("127.0.0.1", false)]
    [InlineData("localhost", false)]
    [InlineData("moto.internal", false)]
    [InlineData("amazonaws.com.evil.example", false)]
    public void An_AWS_host_is_one_under_a_partitions_domain(string host, bool expected) =>
        Assert.Equal(expected, AwsPartitions.IsAwsHost(host));
}
