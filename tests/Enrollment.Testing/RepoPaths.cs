namespace Enrollment.Testing;

/// <summary>Paths of the repository the tests run from (the folder holding Enrollment.sln, found by walking up) and of their own output.</summary>
public static class RepoPaths
{
    private static readonly Lazy<string> LazyRoot = new(() =>
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Enrollment.sln"))) return dir.FullName;
        throw new InvalidOperationException($"No Enrollment.sln above {AppContext.BaseDirectory}.");
    });

    public static string Root => LazyRoot.Value;

    /// <summary>A file or folder of the repository, by its path from the root.</summary>
    public static string Of(string relative) => Path.Combine(Root, relative);

    public static string Template => Path.Combine(Root, "template.yaml");

    public static string Makefile => Path.Combine(Root, "Makefile");

    public static string Events => Path.Combine(Root, "events");

    public static string Event(string name) => Path.Combine(Events, name);

    /// <summary>A file of the test project's own Fixtures folder, as copied next to its binaries.</summary>
    public static string Fixture(string name) => Path.Combine(AppContext.BaseDirectory, "Fixtures", name);

    /// <summary>
    /// The managed build of bootstrap (src/Enrollment.Bootstrap/bin/CONFIG/net10.0/bootstrap.dll), in these tests'
    /// configuration; building the Local tests builds it. What the Runtime API tests run when no native build is given.
    /// </summary>
    public static string ManagedBootstrapDll => BuildOutput("Enrollment.Bootstrap", "bootstrap.dll");

    /// <summary>
    /// The runner as `dotnet run` builds it (src/Enrollment.Local/bin/CONFIG/net10.0), in the configuration these
    /// tests were built in; building the Local tests builds it too.
    /// </summary>
    public static string LocalRunnerDll => BuildOutput("Enrollment.Local", "Enrollment.Local.dll");

    private static string BuildOutput(string project, string file)
    {
        var framework = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        return Path.Combine(Root, "src", project, "bin", framework.Parent!.Name, framework.Name, file);
    }
}
