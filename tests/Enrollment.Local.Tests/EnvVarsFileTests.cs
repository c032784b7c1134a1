using Enrollment.Local.Hosting;
using Enrollment.Local.Template;
using Xunit;
using Enrollment.Testing;

namespace Enrollment.Local.Tests;

/// <summary>SAM's --env-vars format and the order in which a function's environment is built.</summary>
public sealed class EnvVarsFileTests
{
    [Fact]
    public void Parameters_apply_to_all_functions_and_a_function_section_wins()
    {
        var file = EnvVarsFile.Parse("""
            {
              "Parameters": { "LOG_LEVEL": "Debug", "SHARED": "yes", "PORT": 5055, "FLAG": true },
              "MeAssociateTotpFunction": { "LOG_LEVEL": "Trace" }
            }
            """);

        var own = file.For("MeAssociateTotpFunction");
        Assert.Equal("Trace", own["LOG_LEVEL"]);
        Assert.Equal("yes", own["SHARED"]);
        Assert.Equal("5055", own["PORT"]);
        Assert.Equal("true", own["FLAG"]);

        var other = file.For("MeVerifyTotpFunction");
        Assert.Equal("Debug", other["LOG_LEVEL"]);
    }

    [Theory]
    [InlineData("{ not json", "not valid JSON (line 1")]
    [InlineData("[1, 2]", "must be a JSON object")]
    [InlineData("{\"Parameters\": \"x\"}", "\"Parameters\" must be an object")]
    [InlineData("{\"Fn\": {\"A\": {\"nested\": 1}}}", "Fn.A must be a string, number or boolean")]
    public void A_malformed_file_is_refused_with_where_and_why(string json, string expected)
    {
        var error = Assert.Throws<EnvVarsFileException>(() => EnvVarsFile.Parse(json, "env.json"));
        Assert.Contains(expected, error.Message);
    }

    [Fact]
    public void A_missing_file_is_named()
    {
        var error = Assert.Throws<EnvVarsFileException>(() => EnvVarsFile.Load("/no/such/env.json"));
        Assert.Contains("/no/such/env.json", error.Message);
    }

    [Fact]
    public void The_function_environment_layers_runtime_template_parameters_and_function_sections()
    {
        var template = SamTemplate.Load(RepoPaths.Template);
        var function = template.Functions["MeAssociateTotpFunction"];
        var file = EnvVarsFile.Parse("""
            {
              "Parameters": { "LOG_LEVEL": "Debug", "AUDIT_TABLE_NAME": "audit-from-parameters", "AWS_LAMBDA_FUNCTION_MEMORY_SIZE": "2048" },
              "MeAssociateTotpFunction": { "AUDIT_TABLE_NAME": "audit-from-function" },
              "MeVerifyTotpFunction": { "AUDIT_TABLE_NAME": "not-this-one" }
            }
            """);

        var environment = FunctionEnvironment.Build(function, file, "us-east-1");

        Assert.Equal("audit-from-function", environment["AUDIT_TABLE_NAME"]);   // function section > Parameters
        Assert.Equal("Debug", environment["LOG_LEVEL"]);                         // Parameters > template
        Assert.Equal("TenantsTable", environment["TENANTS_TABLE_NAME"]);         // template
        Assert.Equal("2048", environment["AWS_LAMBDA_FUNCTION_MEMORY_SIZE"]);    // Parameters > runtime
        Assert.Equal("MeAssociateTotpFunction", environment["AWS_LAMBDA_FUNCTION_NAME"]);
        Assert.False(environment.ContainsKey("AWS_EXECUTION_ENV")); // not defined for provided.* runtimes
        Assert.Equal("JSON", environment["AWS_LAMBDA_LOG_FORMAT"]);
        Assert.False(string.IsNullOrEmpty(environment["AWS_REGION"]));
    }

    [Fact]
    public void The_repository_env_local_file_is_in_sams_format_and_names_real_functions()
    {
        var template = SamTemplate.Load(RepoPaths.Template);
        var file = EnvVarsFile.Load(RepoPaths.Event("env.local.json"));

        Assert.NotEmpty(file.Parameters);
        Assert.All(file.Functions.Keys, id => Assert.Contains(id, template.Functions.Keys));
        foreach (var name in new[] { "AUDIT_TABLE_NAME", "TENANTS_TABLE_NAME", "USER_STATE_TABLE_NAME" })
            Assert.Contains(name, file.Parameters.Keys);
    }

    [Fact]
    public void Variables_the_template_does_not_declare_are_reported()
    {
        var function = SamTemplate.Load(RepoPaths.Template).Functions["MeVerifyTotpFunction"];
        var file = EnvVarsFile.Parse("""{"Parameters": {"LOG_LEVEL": "Debug", "EXTRA_THING": "1", "AWS_ENDPOINT_URL": "http://127.0.0.1:1"}}""");

        Assert.Equal(["EXTRA_THING"], FunctionEnvironment.Undeclared(function, file));
    }
}
