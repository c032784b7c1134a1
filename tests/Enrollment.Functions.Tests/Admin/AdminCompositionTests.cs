using Enrollment.Core.Admin;
using Enrollment.Functions.Hosting;
using Enrollment.Functions.Tests.Integration;
using Enrollment.Infrastructure.DynamoDb;
using Enrollment.Testing;

namespace Enrollment.Functions.Tests.Admin;

/// <summary>The composition root builds each admin service on first use, from the settings only that function has.</summary>
public sealed class AdminCompositionTests
{
    private static FunctionServices Compose(string? userPoolId = null, string? cursorSigningKey = null) =>
        FunctionServices.Create(
            DynamoDbClientFactory.Create(new DynamoDbClientSettings { Endpoint = new Uri("http://127.0.0.1:9"), Region = "us-east-1" }, MotoFixture.Credentials),
            MotoBackend.CognitoClientFor(new Uri("http://127.0.0.1:9")),
            new TableNames("audit", "tenants", "user-state"), TimeSpan.FromSeconds(45), TimeProvider.System, new FunctionLog(new StringWriter()),
            userPoolId, cursorSigningKey);

    [Fact]
    public void The_policy_service_needs_no_setting_and_reports_the_cache_lifetime()
    {
        var services = Compose();
        Assert.NotNull(services.Admin.Policies);
        Assert.Equal(TimeSpan.FromSeconds(45), services.Admin.PolicyCacheLifetime);
    }

    [Theory]
    [InlineData("")]
    [InlineData("only-31-bytes-long-0123456789ab")]
    public void The_audit_function_does_not_start_without_a_32_byte_cursor_key_and_the_message_holds_no_key(string key)
    {
        var failure = Assert.Throws<InvalidOperationException>(() => Compose(cursorSigningKey: key).Admin.Audit);
        Assert.Contains(CursorSigningKey.Variable, failure.Message);
        if (key.Length > 0) Assert.DoesNotContain(key, failure.Message);
    }

    [Fact]
    public void With_a_key_the_audit_service_is_built_once_and_the_reset_with_a_pool()
    {
        var services = Compose(userPoolId: "us-east-1_Test", cursorSigningKey: new string('k', AuditCursorSigner.MinSecretBytes));
        Assert.Same(services.Admin.Audit, services.Admin.Audit);
        Assert.Same(services.Admin.Reset, services.Admin.Reset);
    }
}
