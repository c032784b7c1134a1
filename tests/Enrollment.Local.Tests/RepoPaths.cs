namespace Enrollment.Local.Tests;

/// <summary>Paths of the repository the tests run from: the folder holding Enrollment.sln, found by walking up.</summary>
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

    public static string Events => Path.Combine(Root, "events");

    public static string Event(string name) => Path.Combine(Events, name);

    public static string FixtureTemplate => Path.Combine(AppContext.BaseDirectory, "Fixtures", "test-template.yaml");

    public static string EchoEvent => Path.Combine(AppContext.BaseDirectory, "Fixtures", "echo-event.json");

    public static string GatewayTemplate => Path.Combine(AppContext.BaseDirectory, "Fixtures", "gateway-template.yaml");

    /// <summary>
    /// The managed build of bootstrap (src/Enrollment.Bootstrap/bin/CONFIG/net10.0/bootstrap.dll), in these tests'
    /// configuration; building this test project builds it. What the Runtime API tests run when no native build is given.
    /// </summary>
    public static string ManagedBootstrapDll
    {
        get
        {
            var framework = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
            return Path.Combine(Root, "src", "Enrollment.Bootstrap", "bin", framework.Parent!.Name, framework.Name, "bootstrap.dll");
        }
    }

    /// <summary>
    /// The runner as `dotnet run` builds it (src/Enrollment.Local/bin/CONFIG/net10.0), in the configuration these
    /// tests were built in; building this test project builds it too.
    /// </summary>
    public static string LocalRunnerDll
    {
        get
        {
            var framework = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
            var configuration = framework.Parent!.Name;
            return Path.Combine(Root, "src", "Enrollment.Local", "bin", configuration, framework.Name, "Enrollment.Local.dll");
        }
    }
}
