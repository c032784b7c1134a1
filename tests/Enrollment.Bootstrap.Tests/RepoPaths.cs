namespace Enrollment.Bootstrap.Tests;

/// <summary>The repository these tests run from: the folder holding Enrollment.sln, found by walking up.</summary>
public static class RepoPaths
{
    private static readonly Lazy<string> LazyRoot = new(() =>
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Enrollment.sln"))) return dir.FullName;
        throw new InvalidOperationException($"No Enrollment.sln above {AppContext.BaseDirectory}.");
    });

    public static string Root => LazyRoot.Value;

    public static string Template => Path.Combine(Root, "template.yaml");

    public static string Makefile => Path.Combine(Root, "Makefile");
}
