using Amazon.Runtime;
using Enrollment.Infrastructure.Cognito;
using Enrollment.Infrastructure.Cognito.Model;
using Enrollment.Infrastructure.Configuration;
using Enrollment.Infrastructure.DynamoDb;
using Enrollment.Infrastructure.Tests.Fakes;
using Xunit;

namespace Enrollment.Infrastructure.Tests.Configuration;

/// <summary>The one settings record: every variable a function reads, each validated in one place.</summary>
public sealed class EnrollmentSettingsTests
{
    private static readonly (string, string)[] Tables =
        [("AUDIT_TABLE_NAME", "a"), ("TENANTS_TABLE_NAME", "t"), ("USER_STATE_TABLE_NAME", "u")];

    private static EnrollmentSettings Read(params (string Name, string Value)[] variables)
    {
        var all = Tables.Concat(variables).ToList();
        return EnrollmentSettings.FromEnvironment(name => all.LastOrDefault(v => v.Item1 == name).Item2);
    }

    [Fact]
    public void Defaults_when_only_the_tables_are_set()
    {
        var settings = Read();
        Assert.Equal(new TableNames("a", "t", "u"), settings.Tables);
        Assert.Equal("us-east-1", settings.Region);
        Assert.Equal(new Uri("https://cognito-idp.us-east-1.amazonaws.com/"), settings.CognitoEndpoint);
        Assert.Null(settings.DynamoDbEndpoint);
        Assert.Null(settings.Credentials);
        Assert.Equal(TimeSpan.FromMilliseconds(2500), settings.UpstreamTimeout);
        Assert.Equal(2, settings.UpstreamRetries);
        Assert.Equal(TimeSpan.FromSeconds(60), settings.PolicyCacheLifetime);
        Assert.Null(settings.LogLevel);
        Assert.Equal("Warning", Read(("LOG_LEVEL", "Warning")).LogLevel);
    }

    [Theory]
    [InlineData("AUDIT_TABLE_NAME")]
    [InlineData("TENANTS_TABLE_NAME")]
    [InlineData("USER_STATE_TABLE_NAME")]
    public void A_missing_table_fails_the_cold_start_naming_the_variable(string missing)
    {
        var error = Assert.Throws<InvalidOperationException>(() => Read((missing, "")));
        Assert.Contains(missing, error.Message);
    }

    [Fact]
    public void One_endpoint_rule_for_both_clients()
    {
        var settings = Read(("AWS_ENDPOINT_URL", "http://127.0.0.1:1111"), ("AWS_ENDPOINT_URL_DYNAMODB", "http://127.0.0.1:2222"), ("AWS_REGION", "eu-west-1"));
        Assert.Equal(new Uri("http://127.0.0.1:2222/"), settings.DynamoDbEndpoint);
        Assert.Equal(new Uri("http://127.0.0.1:1111/"), settings.CognitoEndpoint);
        Assert.Equal("eu-west-1", settings.Region);

        Assert.Equal("eu-central-1", Read(("AWS_DEFAULT_REGION", "eu-central-1")).Region);
        var ignored = Read(("AWS_ENDPOINT_URL", "http://127.0.0.1:1111"), ("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS", "TRUE"));
        Assert.Null(ignored.DynamoDbEndpoint);
        Assert.Equal(new Uri("https://cognito-idp.us-east-1.amazonaws.com/"), ignored.CognitoEndpoint);

        // A configured endpoint with a variant is refused, as the rule sets refuse it.
        var error = Assert.Throws<InvalidOperationException>(() => Read(("AWS_ENDPOINT_URL", "http://127.0.0.1:1111"), ("AWS_USE_FIPS_ENDPOINT", "true")));
        Assert.Contains("FIPS and custom endpoint are not supported", error.Message);
    }

    [Fact]
    public void The_clients_get_the_endpoints_timeouts_and_FIPS_from_the_settings()
    {
        var settings = Read(("AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER", "http://127.0.0.1:5055"), ("AWS_ENDPOINT_URL_DYNAMODB", "http://127.0.0.1:2222"),
            ("AWS_REGION", "eu-central-1"), ("UPSTREAM_TIMEOUT_MS", "1200"), ("AWS_ACCESS_KEY_ID", "AKID"), ("AWS_SECRET_ACCESS_KEY", "secret"));
        var cognito = settings.CreateCognitoClient();
        Assert.Equal(new Uri("http://127.0.0.1:5055/"), cognito.Options.Endpoint);
        Assert.Equal("eu-central-1", cognito.Options.Region);
        Assert.Equal(TimeSpan.FromMilliseconds(1200), cognito.Options.AttemptTimeout);
        Assert.Equal(2, cognito.Options.MaxRetries);
        using var dynamo = settings.CreateDynamoDbClient();
        Assert.Equal("http://127.0.0.1:2222/", dynamo.Config.ServiceURL);
        Assert.Equal("eu-central-1", dynamo.Config.AuthenticationRegion);
        Assert.Equal(TimeSpan.FromMilliseconds(1200), dynamo.Config.Timeout);

        using var fips = Read(("AWS_REGION", "us-gov-west-1"), ("AWS_USE_FIPS_ENDPOINT", "true"), ("AWS_USE_DUALSTACK_ENDPOINT", "true"),
            ("AWS_ACCESS_KEY_ID", "AKID"), ("AWS_SECRET_ACCESS_KEY", "secret")).CreateDynamoDbClient();
        Assert.True(fips.Config.UseFIPSEndpoint);
        Assert.True(fips.Config.UseDualstackEndpoint);
    }

    [Fact]
    public void The_triggers_clients_have_short_attempts_and_one_retry()
    {
        var triggers = Read(("UPSTREAM_TIMEOUT_MS", "2500")).ForSignInTriggers();
        Assert.Equal(EnrollmentSettings.MaxTriggerAttempt, triggers.UpstreamTimeout);
        Assert.Equal(1, triggers.UpstreamRetries);
        Assert.Equal(TimeSpan.FromMilliseconds(400), Read(("UPSTREAM_TIMEOUT_MS", "400")).ForSignInTriggers().UpstreamTimeout);
    }

    [Theory]
    [InlineData("99")]
    [InlineData("8001")]
    [InlineData("fast")]
    public void A_bad_upstream_timeout_fails_the_cold_start(string value)
    {
        var error = Assert.Throws<InvalidOperationException>(() => Read(("UPSTREAM_TIMEOUT_MS", value)));
        Assert.Contains("UPSTREAM_TIMEOUT_MS", error.Message);
    }

    [Theory]
    [InlineData(null, 60)]
    [InlineData("", 60)]
    [InlineData("0", 0)]
    [InlineData("300", 300)]
    public void The_policy_cache_lifetime_is_read_in_seconds(string? value, int expectedSeconds) =>
        Assert.Equal(TimeSpan.FromSeconds(expectedSeconds), Read(("POLICY_CACHE_SECONDS", value!)).PolicyCacheLifetime);

    [Theory]
    [InlineData("-5")]
    [InlineData("1.5")]
    [InlineData("sixty")]
    public void A_bad_policy_cache_lifetime_fails_at_startup(string value) =>
        Assert.Contains("POLICY_CACHE_SECONDS", Assert.Throws<InvalidOperationException>(() => Read(("POLICY_CACHE_SECONDS", value))).Message);

    [Fact]
    public void Function_specific_settings_are_checked_only_when_asked_for_and_never_echoed()
    {
        var without = Read();
        Assert.Contains("USER_POOL_ID", Assert.Throws<InvalidOperationException>(without.RequireUserPoolId).Message);
        Assert.Contains("CURSOR_SIGNING_KEY", Assert.Throws<InvalidOperationException>(() => without.CursorSigner()).Message);
        var hasher = without.RecoveryCodeHasher(); // built without the pepper; checked at the first hash
        Assert.Contains("RECOVERY_CODE_PEPPER", Assert.Throws<InvalidOperationException>(() => hasher.Hash(new byte[32], "code")).Message);

        const string shortKey = "only-31-bytes-long-0123456789ab";
        var tooShort = Read(("CURSOR_SIGNING_KEY", shortKey), ("RECOVERY_CODE_PEPPER", shortKey));
        Assert.DoesNotContain(shortKey, Assert.Throws<InvalidOperationException>(() => tooShort.CursorSigner()).Message);
        Assert.DoesNotContain(shortKey, Assert.Throws<InvalidOperationException>(() => tooShort.RecoveryCodeHasher().Hash(new byte[32], "code")).Message);

        const string secret = "a cursor secret of at least thirty-two bytes";
        var with = Read(("USER_POOL_ID", "eu-west-1_pool"), ("CURSOR_SIGNING_KEY", secret), ("RECOVERY_CODE_PEPPER", secret));
        Assert.Equal("eu-west-1_pool", with.RequireUserPoolId());
        Assert.NotNull(with.CursorSigner());
        Assert.NotEmpty(with.RecoveryCodeHasher().Hash(new byte[32], "code"));
        Assert.DoesNotContain(secret, with.ToString());
        Assert.Contains("eu-west-1_pool", with.ToString());
    }

    [Fact]
    public async Task Environment_credentials_carry_the_session_token_to_the_signed_calls()
    {
        var settings = Read(("AWS_ACCESS_KEY_ID", "AKIDFROMENV"), ("AWS_SECRET_ACCESS_KEY", "secret-from-env"), ("AWS_SESSION_TOKEN", "session-token-from-env"),
            ("AWS_REGION", "eu-west-1"));
        Assert.IsType<SessionAWSCredentials>(settings.Credentials);
        Assert.DoesNotContain("secret-from-env", settings.ToString());
        var handler = StubHttpHandler.Always(() => StubHttpHandler.Ok("""{"Username":"alice","UserStatus":"CONFIRMED","UserCreateDate":1700000000.5}"""));
        var client = new CognitoIdentityProviderClient(new HttpClient(handler), TestClients.Options(TestClients.AwsEndpoint),
            new SigV4RequestSigner(settings.Credentials!, settings.Region));

        await client.AdminGetUserAsync(new AdminGetUserRequest { UserPoolId = "p", Username = "alice" }, TestContext.Current.CancellationToken);

        var sent = Assert.Single(handler.Requests);
        Assert.StartsWith("AWS4-HMAC-SHA256 Credential=AKIDFROMENV/", sent.Authorization);
        Assert.Contains("/eu-west-1/cognito-idp/aws4_request", sent.Authorization);
        Assert.Equal("session-token-from-env", sent.Headers["X-Amz-Security-Token"]);
    }
}
