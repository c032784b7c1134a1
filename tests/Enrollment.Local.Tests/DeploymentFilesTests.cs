using System.Text.RegularExpressions;
using Xunit;
using Enrollment.Testing;

namespace Enrollment.Local.Tests;

/// <summary>template.yaml passes cfn-lint with no error and no warning; samconfig.toml has the environments.</summary>
public sealed class DeploymentFilesTests
{
    [Fact]
    public async Task Cfn_lint_reports_nothing_on_the_template()
    {
        var cfnLint = FindOnPath("cfn-lint");
        Assert.True(cfnLint is not null,
            "cfn-lint is not on PATH. This check needs it (pip install cfn-lint); it is part of this machine image. It must not pass silently.");

        var (code, stdout, stderr) = await CompletedProcess.RunAsync(cfnLint, ["template.yaml"], TimeSpan.FromMinutes(3));

        // Exit code bits: 2 errors, 4 warnings, 8 informational. Zero means none of them.
        Assert.True(code == 0, $"cfn-lint exit {code}:\n{stdout}\n{stderr}");
        Assert.Equal("", stdout.Trim());
    }

    [Theory]
    [InlineData("default", "enrollment-dev", false)]
    [InlineData("dev", "enrollment-dev", false)]
    [InlineData("staging", "enrollment-staging", false)]
    [InlineData("prod", "enrollment-prod", true)]
    public void Samconfig_has_a_deploy_section_per_environment(string environment, string stackName, bool confirm)
    {
        var text = File.ReadAllText(Path.Combine(RepoPaths.Root, "samconfig.toml"));
        Assert.Matches(new Regex(@"^version\s*=\s*0\.1\s*$", RegexOptions.Multiline), text);

        var section = Section(text, $"{environment}.deploy.parameters");
        Assert.Equal($"\"{stackName}\"", section["stack_name"]);
        Assert.Equal("\"CAPABILITY_IAM\"", section["capabilities"]);
        Assert.Equal("true", section["resolve_s3"]);
        Assert.Equal(confirm ? "true" : "false", section["confirm_changeset"]);
        Assert.Contains("region", section.Keys);
        Assert.Contains(environment == "default" ? "EnvironmentName=\\\"dev\\\"" : $"EnvironmentName=\\\"{environment}\\\"", section["parameter_overrides"]);
        Assert.Contains($"{environment}.build.parameters", text);
    }

    private static Dictionary<string, string> Section(string toml, string name)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        var inSection = false;
        foreach (var raw in toml.Split('\n'))
        {
            var line = raw.Trim();
            if (line.StartsWith('['))
            {
                inSection = line == $"[{name}]";
                continue;
            }
            if (!inSection || line.Length == 0 || line.StartsWith('#')) continue;
            var eq = line.IndexOf('=');
            if (eq > 0) result[line[..eq].Trim()] = line[(eq + 1)..].Trim();
        }
        Assert.True(result.Count > 0, $"samconfig.toml has no [{name}] section");
        return result;
    }

    private static string? FindOnPath(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Combine(dir, name))
            .FirstOrDefault(File.Exists);
}
