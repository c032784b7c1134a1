using Enrollment.Local.Template;
using Xunit;
using Enrollment.Testing;

namespace Enrollment.Local.Tests.Hostile;

/// <summary>
/// Issue 8, items 3, 8 and 10, as template.yaml declares them (moto stores but does not enforce them, so the deployed
/// pool's declaration is what is tested): the immutable tenant binding no user can write, admin-only users,
/// case-insensitive usernames, deployed clients that cannot skip the sign-in triggers, and the recovery code pepper
/// only where codes are hashed.
/// </summary>
public sealed class TemplateTrustHostileTests
{
    private static SamTemplate Load(params string[] overrides) =>
        SamTemplate.Load(RepoPaths.Template, new TemplateLoadOptions { Overrides = TemplateLoadOptions.ParseOverrides(overrides), Region = "eu-west-1" });

    private static readonly string[] PasswordFlows = ["ALLOW_USER_PASSWORD_AUTH", "ALLOW_USER_SRP_AUTH", "ALLOW_ADMIN_USER_PASSWORD_AUTH"];

    [Theory]
    [InlineData("dev")]
    [InlineData("staging")]
    [InlineData("prod")]
    public void Deployed_app_clients_allow_only_custom_auth_and_refresh_so_no_sign_in_skips_the_triggers(string environment)
    {
        foreach (var client in Load($"EnvironmentName={environment}").UserPoolClients.Values)
        {
            Assert.Equal(["ALLOW_CUSTOM_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"], client.ExplicitAuthFlows);
            Assert.Empty(client.ExplicitAuthFlows.Intersect(PasswordFlows));
        }
    }

    [Fact]
    public void Only_the_local_stack_has_password_flows()
    {
        var client = Assert.Single(Load("EnvironmentName=local").UserPoolClients.Values);
        Assert.Contains("ALLOW_USER_PASSWORD_AUTH", client.ExplicitAuthFlows);
        Assert.Contains("ALLOW_CUSTOM_AUTH", client.ExplicitAuthFlows);
    }

    [Fact]
    public void The_pool_binds_each_user_to_a_tenant_with_an_immutable_attribute_and_admin_created_users_only()
    {
        var pool = Assert.Single(Load().UserPools.Values);

        var schema = Assert.IsType<List<object?>>(pool.Properties["Schema"]).Cast<Dictionary<string, object?>>().ToList();
        var tenant = Assert.Single(schema, a => a["Name"] as string == "tenant_id");
        Assert.Equal("String", tenant["AttributeDataType"]);
        Assert.Equal("false", Text(tenant["Mutable"]));
        var length = Assert.IsType<Dictionary<string, object?>>(tenant["StringAttributeConstraints"]);
        Assert.Equal(("1", "64"), (Text(length["MinLength"]), Text(length["MaxLength"])));

        var admin = Assert.IsType<Dictionary<string, object?>>(pool.Properties["AdminCreateUserConfig"]);
        Assert.Equal("true", Text(admin["AllowAdminCreateUserOnly"]));
        var usernames = Assert.IsType<Dictionary<string, object?>>(pool.Properties["UsernameConfiguration"]);
        Assert.Equal("false", Text(usernames["CaseSensitive"]));
    }

    [Theory]
    [InlineData("dev")]
    [InlineData("local")]
    public void Every_app_client_reads_the_binding_and_none_can_write_it(string environment)
    {
        var clients = Load($"EnvironmentName={environment}").UserPoolClients.Values.ToList();
        Assert.NotEmpty(clients);
        foreach (var client in clients)
        {
            var read = Assert.IsType<List<object?>>(client.Properties["ReadAttributes"]).Select(Text).ToList();
            var write = Assert.IsType<List<object?>>(client.Properties["WriteAttributes"]).Select(Text).ToList();
            Assert.Contains("custom:tenant_id", read);
            Assert.DoesNotContain(write, a => a!.StartsWith("custom:", StringComparison.Ordinal));
        }
    }

    [Fact]
    public void The_recovery_code_pepper_is_a_per_stack_secret_resolved_at_deploy_and_only_where_codes_are_hashed()
    {
        var template = Load();
        var withPepper = template.Functions.Values.Where(f => f.Environment.ContainsKey("RECOVERY_CODE_PEPPER")).Select(f => f.LogicalId).Order().ToList();

        Assert.Equal(["MeRecoveryCodesFunction", "MeVerifyTotpFunction", "RecoverTotpFunction", "VerifyAuthChallengeFunction"], withPepper);
        Assert.All(withPepper, id => Assert.Equal("{{resolve:secretsmanager:RecoveryCodePepperSecret:SecretString}}", template.Functions[id].Environment["RECOVERY_CODE_PEPPER"]));
    }

    [Fact]
    public void The_admin_grace_route_exists_and_reads_the_binding_with_admin_get_user()
    {
        var template = Load();
        var grace = template.Functions["AdminGrantGraceFunction"];
        Assert.Equal("Enrollment.Functions::Enrollment.Functions.Http.AdminGrantGraceFunction::Handle", grace.Handler);
        Assert.Equal(["cognito-idp:AdminGetUser"], CognitoActions(grace));
        Assert.Contains("cognito-idp:AdminGetUser", CognitoActions(template.Functions["AdminResetTotpFunction"]));
        Assert.Contains("cognito-idp:AdminGetUser", CognitoActions(template.Functions["RecoverTotpFunction"]));
    }

    private static List<string> CognitoActions(SamFunction function) =>
        Assert.IsType<List<object?>>(function.Properties["Policies"]).Cast<Dictionary<string, object?>>()
            .SelectMany(document => Assert.IsType<List<object?>>(document["Statement"]).Cast<Dictionary<string, object?>>())
            .SelectMany(statement => statement["Action"] switch { string one => [one], List<object?> many => many.Cast<string>(), _ => [] })
            .Where(action => action.StartsWith("cognito-idp:", StringComparison.Ordinal))
            .ToList();

    private static string? Text(object? value) => value switch
    {
        null => null,
        bool b => b ? "true" : "false",
        _ => value.ToString(),
    };
}
