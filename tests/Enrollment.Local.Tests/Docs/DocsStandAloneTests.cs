using System.Text.RegularExpressions;
using Xunit;
using Enrollment.Testing;

namespace Enrollment.Local.Tests.Docs;

/// <summary>
/// A clone of the repository is all a reader has: README.md and docs/ may link only to files inside it, and may not
/// send the reader to a sibling checkout (`../shared/...`) or to a path of the machine the docs were written on.
/// </summary>
public sealed partial class DocsStandAloneTests
{
    public static TheoryData<string> DocFiles
    {
        get
        {
            var files = new TheoryData<string>("README.md");
            foreach (var file in Directory.EnumerateFiles(Path.Combine(RepoPaths.Root, "docs"), "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
                files.Add(Path.GetRelativePath(RepoPaths.Root, file).Replace('\\', '/'));
            return files;
        }
    }

    [Theory]
    [MemberData(nameof(DocFiles))]
    public void A_doc_names_no_path_outside_the_repository(string relative)
    {
        var text = File.ReadAllText(Path.Combine(RepoPaths.Root, relative));
        foreach (var forbidden in new[] { "../shared", "shared/design/", "shared/reference/", "/work/", "/root/", "/tmp/bash_jobs" })
            Assert.False(text.Contains(forbidden, StringComparison.Ordinal), $"{relative} mentions '{forbidden}', which a clone does not have.");

        // Every relative path written as a link target or in backticks must stay inside the clone.
        var directory = Path.GetDirectoryName(Path.Combine(RepoPaths.Root, relative))!;
        foreach (var target in RelativeTargets(text))
        {
            var full = Path.GetFullPath(Path.Combine(directory, target));
            Assert.True(full.StartsWith(RepoPaths.Root + Path.DirectorySeparatorChar, StringComparison.Ordinal),
                $"{relative} points outside the repository: {target}");
        }
    }

    [Theory]
    [MemberData(nameof(DocFiles))]
    public void Every_markdown_link_to_a_file_resolves_in_the_repository(string relative)
    {
        if (!relative.EndsWith(".md", StringComparison.Ordinal)) return;
        var text = File.ReadAllText(Path.Combine(RepoPaths.Root, relative));
        var directory = Path.GetDirectoryName(Path.Combine(RepoPaths.Root, relative))!;
        foreach (Match link in MarkdownLink().Matches(text))
        {
            var target = link.Groups["target"].Value;
            if (target.Contains("://", StringComparison.Ordinal) || target.StartsWith('#') || target.StartsWith("mailto:", StringComparison.Ordinal)) continue;
            var path = target.Split('#')[0];
            var full = Path.GetFullPath(Path.Combine(directory, path));
            Assert.True(File.Exists(full) || Directory.Exists(full), $"{relative} links to {target}, which does not exist in the repository.");
        }
    }

    [Fact]
    public void The_contract_page_is_reachable_from_the_readme()
    {
        var readme = File.ReadAllText(Path.Combine(RepoPaths.Root, "README.md"));
        Assert.Contains("(docs/contract.md)", readme, StringComparison.Ordinal);
        Assert.Contains("(docs/openapi.yaml)", readme, StringComparison.Ordinal);
    }

    private static IEnumerable<string> RelativeTargets(string text)
    {
        foreach (Match link in MarkdownLink().Matches(text))
        {
            var target = link.Groups["target"].Value;
            if (!target.Contains("://", StringComparison.Ordinal) && !target.StartsWith('#')) yield return target.Split('#')[0];
        }
        foreach (Match code in DotDotInBackticks().Matches(text)) yield return code.Groups["path"].Value;
    }

    [GeneratedRegex(@"\]\((?<target>[^)\s]+)\)")]
    private static partial Regex MarkdownLink();

    [GeneratedRegex(@"`(?<path>\.\./[^`\s]*)`")]
    private static partial Regex DotDotInBackticks();
}
