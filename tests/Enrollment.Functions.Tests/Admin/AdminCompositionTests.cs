using Enrollment.Core.Admin;
using Enrollment.Functions.Hosting;
using Enrollment.Functions.Http;
using Enrollment.Functions.Tests.Integration;
using Enrollment.Infrastructure.Configuration;
using Enrollment.Infrastructure.DynamoDb;
using Enrollment.Infrastructure.Tests.DynamoDb;

namespace Enrollment.Functions.Tests.Admin;

/// <summary>The composition root builds each admin service on first use, from the settings only that function has.</summary>
public sealed class AdminCompositionTests
{
    private static ServiceRoot Compose(string? userPoolId = null, string? cursorSigningKey = null)
    {
        var settings = TestRoots.Settings(userPoolId: userPoolId, cursorSigningKey: cursorSigningKey, policyCacheLifetime: TimeSpan.FromSeconds(45));
        var log = new FunctionLog(new StringWriter());
        var ports = Ports.Production(settings,
            DynamoDbClientFactory.Create(new DynamoDbClientSettings { Endpoint = new Uri("http://127.0.0.1:9"), Region = "us-east-1" }, DynamoMotoFixture.Credentials),
            MotoBackend.CognitoClientFor(new Uri("http://127.0.0.1:9")), TimeProvider.System, log);
        return new ServiceRoot(ports, settings, TimeProvider.System, log);
    }

    [Fact]
    public void The_policy_functions_need_no_function_setting_and_report_the_cache_lifetime()
    {
        var root = Compose();
        Assert.NotNull(new AdminGetPolicyFunction(root));
        Assert.NotNull(new AdminPutPolicyFunction(root));
        Assert.Equal(TimeSpan.FromSeconds(45), root.Settings.PolicyCacheLifetime);
    }

    [Theory]
    [InlineData("")]
    [InlineData("only-31-bytes-long-0123456789ab")]
    public void The_audit_function_does_not_start_without_a_32_byte_cursor_key_and_the_message_holds_no_key(string key)
    {
        var failure = Assert.Throws<InvalidOperationException>(() => new AdminAuditQueryFunction(Compose(cursorSigningKey: key)));
        Assert.Contains(EnrollmentSettings.CursorSigningKeyVariable, failure.Message);
        if (key.Length > 0) Assert.DoesNotContain(key, failure.Message);
    }

    [Fact]
    public void The_functions_that_make_Admin_calls_do_not_start_without_a_pool_and_the_others_do()
    {
        var root = Compose();
        Assert.Contains(EnrollmentSettings.UserPoolIdVariable, Assert.Throws<InvalidOperationException>(() => new AdminResetTotpFunction(root)).Message);
        Assert.Contains(EnrollmentSettings.UserPoolIdVariable, Assert.Throws<InvalidOperationException>(() => new AdminGrantGraceFunction(root)).Message);
        Assert.Contains(EnrollmentSettings.UserPoolIdVariable, Assert.Throws<InvalidOperationException>(() => new RecoverTotpFunction(root)).Message);
        Assert.NotNull(new MeAssociateTotpFunction(root));
        Assert.NotNull(new ChallengeVerifyTotpFunction(root));
        Assert.NotNull(new Enrollment.Functions.Triggers.DefineAuthChallengeFunction(root));
    }

    [Fact]
    public void With_the_settings_each_service_is_built_once()
    {
        var root = Compose(userPoolId: "us-east-1_Test", cursorSigningKey: new string('k', AuditCursorSigner.MinSecretBytes));
        Assert.Same(root.Audit, root.Audit);
        Assert.Same(root.Reset, root.Reset);
        Assert.Same(root.Recovery, root.Recovery);
        Assert.Same(root.SignIn, root.SignIn);
    }
}
