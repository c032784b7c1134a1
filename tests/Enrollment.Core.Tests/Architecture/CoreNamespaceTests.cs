using System.Text.RegularExpressions;

namespace Enrollment.Core.Tests.Architecture;

/// <summary>
/// Core's folders are layers: each namespace may use the ones below it and never the other way round, so a newcomer
/// can read Core bottom up (Errors, Identity, Totp, Policy, ... SelfService, SignIn, Admin). Read from the sources'
/// using lines and qualified names, which is what a reader sees.
/// </summary>
public sealed partial class CoreNamespaceTests
{
    private static readonly string CoreDirectory = Path.Combine(FindRepositoryRoot(), "src", "Enrollment.Core");

    [Fact]
    public void Core_namespaces_form_no_cycle()
    {
        var graph = ReadGraph();
        Assert.True(graph.Count >= 10, $"expected Core's feature folders, found {graph.Count}");

        var cycle = FindCycle(graph);

        Assert.True(cycle is null, $"namespace cycle in Core: {string.Join(" -> ", cycle ?? [])}");
    }

    [Fact]
    public void Every_Core_file_declares_the_namespace_of_its_folder()
    {
        var misplaced = SourceFiles()
            .Select(file => (file, folder: Path.GetFileName(Path.GetDirectoryName(file))!, declared: DeclaredNamespace(file)))
            .Where(entry => entry.declared != $"Enrollment.Core.{entry.folder}")
            .Select(entry => $"{Path.GetRelativePath(CoreDirectory, entry.file)} declares {entry.declared}")
            .ToList();

        Assert.Empty(misplaced);
    }

    [Fact]
    public void No_namespace_in_src_repeats_a_segment()
    {
        var source = Path.Combine(FindRepositoryRoot(), "src");
        var stutters = Directory.EnumerateFiles(source, "*.cs", SearchOption.AllDirectories)
            .Where(file => !IsBuildOutput(file))
            .Select(DeclaredNamespace)
            .OfType<string>()
            .Distinct()
            .Where(name => name.Split('.').GroupBy(segment => segment).Any(group => group.Count() > 1))
            .ToList();

        Assert.Empty(stutters);
    }

    [Fact]
    public void The_cycle_finder_finds_a_cycle()
    {
        var graph = new Dictionary<string, HashSet<string>>
        {
            ["A"] = ["B"], ["B"] = ["C"], ["C"] = ["A"], ["D"] = ["A"],
        };

        Assert.NotNull(FindCycle(graph));
        Assert.Null(FindCycle(new Dictionary<string, HashSet<string>> { ["A"] = ["B"], ["B"] = [] }));
    }

    private static Dictionary<string, HashSet<string>> ReadGraph()
    {
        var graph = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        foreach (var file in SourceFiles())
        {
            var from = Path.GetFileName(Path.GetDirectoryName(file))!;
            var edges = graph.TryGetValue(from, out var existing) ? existing : graph[from] = [];
            foreach (Match use in CoreReference().Matches(File.ReadAllText(file)))
            {
                if (use.Groups["to"].Value != from)
                    edges.Add(use.Groups["to"].Value);
            }
        }
        return graph;
    }

    /// <returns>One cycle as a path that starts and ends at the same namespace, or null.</returns>
    private static List<string>? FindCycle(IReadOnlyDictionary<string, HashSet<string>> graph)
    {
        var state = new Dictionary<string, bool>(); // false: on the current path, true: done
        var path = new List<string>();

        List<string>? Visit(string node)
        {
            if (state.TryGetValue(node, out var done))
                return done ? null : [.. path.Skip(path.IndexOf(node)), node];
            state[node] = false;
            path.Add(node);
            foreach (var next in graph.TryGetValue(node, out var edges) ? edges : [])
            {
                if (Visit(next) is { } cycle)
                    return cycle;
            }
            path.RemoveAt(path.Count - 1);
            state[node] = true;
            return null;
        }

        return graph.Keys.Order(StringComparer.Ordinal).Select(Visit).FirstOrDefault(cycle => cycle is not null);
    }

    private static IEnumerable<string> SourceFiles() =>
        Directory.EnumerateDirectories(CoreDirectory)
            .Where(directory => !IsBuildOutput(directory + Path.DirectorySeparatorChar))
            .SelectMany(directory => Directory.EnumerateFiles(directory, "*.cs", SearchOption.AllDirectories));

    private static bool IsBuildOutput(string path) =>
        path.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
        || path.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal);

    private static string? DeclaredNamespace(string file) =>
        DeclaredNamespacePattern().Match(File.ReadAllText(file)) is { Success: true } match ? match.Groups["name"].Value : null;

    private static string FindRepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Enrollment.sln")))
                return directory.FullName;
        }
        throw new InvalidOperationException($"Enrollment.sln not found above {AppContext.BaseDirectory}");
    }

    [GeneratedRegex(@"\bEnrollment\.Core\.(?<to>[A-Z]\w*)")]
    private static partial Regex CoreReference();

    [GeneratedRegex(@"^namespace (?<name>[\w.]+)", RegexOptions.Multiline)]
    private static partial Regex DeclaredNamespacePattern();
}
