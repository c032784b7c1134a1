using System.Text.RegularExpressions;
using Enrollment.Local.Template;
using Enrollment.Testing;

namespace Enrollment.Bootstrap.Tests;

/// <summary>The bootstrap, the template and the Makefile name the same functions.</summary>
public sealed class FunctionTableTests
{
    private static readonly SamTemplate Template = SamTemplate.Load(RepoPaths.Template);

    [Fact]
    public void Every_handler_of_the_template_is_a_function_of_bootstrap_and_bootstrap_has_no_other()
    {
        var handlers = Template.Functions.Values.Select(f => f.Handler).ToHashSet(StringComparer.Ordinal);
        Assert.Equal(handlers.Order(StringComparer.Ordinal), FunctionTable.Functions.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Every_function_runs_on_provided_al2023_arm64_and_is_built_by_its_makefile_target()
    {
        var text = File.ReadAllText(RepoPaths.Template);
        var makefile = File.ReadAllText(RepoPaths.Makefile);
        var listed = Regex.Match(makefile, @"^FUNCTIONS := ((?:.*\\\n)*.*)$", RegexOptions.Multiline).Groups[1].Value
            .Split([' ', '\\', '\n', '\t'], StringSplitOptions.RemoveEmptyEntries);
        foreach (var function in Template.Functions.Values)
        {
            Assert.Equal("provided.al2023", function.Runtime);
            Assert.Equal(["arm64"], function.Architectures);
            Assert.Matches(new Regex($@"^  {function.LogicalId}:\n    Type: AWS::Serverless::Function\n    Metadata:\n      BuildMethod: makefile\n", RegexOptions.Multiline), text);
            Assert.Contains(function.LogicalId, listed);
        }
        Assert.Equal(Template.Functions.Count, listed.Length);
        Assert.Contains("$(BUILD_TARGETS): build-%: $(BOOTSTRAP)", makefile); // SAM's build-<LogicalId> pattern
    }

    [Fact]
    public void Without_a_handler_the_runtime_is_told_what_exists()
    {
        var ex = Assert.Throws<Runtime.UnknownHandlerException>(() => FunctionTable.Resolve(null));
        Assert.Contains("_HANDLER is not set", ex.Message);
    }
}
