using System.Reflection;
using System.Runtime.Loader;

namespace Enrollment.Local.Hosting;

/// <summary>
/// Finds and loads the assembly a Handler string names: already loaded or beside the runner
/// (<see cref="AppContext.BaseDirectory"/>; the Functions project is a reference of the runner), else the
/// newest build under the function's CodeUri (<c>bin/{Debug,Release}/net*/</c>).
/// </summary>
public static class HandlerAssemblyLocator
{
    private static readonly Dictionary<string, Assembly> Isolated = new(StringComparer.OrdinalIgnoreCase);
    private static readonly Lock Gate = new();

    /// <summary>The folders searched for an assembly, in order.</summary>
    public static IReadOnlyList<string> ProbeDirectories(string? codeUriDirectory)
    {
        var directories = new List<string> { AppContext.BaseDirectory };
        if (codeUriDirectory is not null && Directory.Exists(Path.Combine(codeUriDirectory, "bin")))
        {
            directories.AddRange(
                from configuration in new[] { "Debug", "Release" }
                let bin = Path.Combine(codeUriDirectory, "bin", configuration)
                where Directory.Exists(bin)
                from framework in Directory.GetDirectories(bin, "net*")
                orderby Directory.GetLastWriteTimeUtc(framework) descending
                select framework);
        }
        return directories;
    }

    public static Assembly Load(string assemblyName, IReadOnlyList<string> probeDirectories)
    {
        var loaded = AssemblyLoadContext.Default.Assemblies.FirstOrDefault(a =>
            string.Equals(a.GetName().Name, assemblyName, StringComparison.OrdinalIgnoreCase));
        if (loaded is not null) return loaded;

        var fileName = assemblyName + ".dll";
        string? found = null;
        foreach (var directory in probeDirectories)
        {
            var candidate = Path.Combine(directory, fileName);
            if (File.Exists(candidate)) { found = candidate; break; }
        }
        if (found is null)
        {
            throw new HandlerResolutionException(
                $"Assembly '{assemblyName}' was not found. Looked in: {string.Join(", ", probeDirectories.Select(Path.TrimEndingDirectorySeparator))}. " +
                "Build the function project first (dotnet build).");
        }

        // Beside the runner and listed in its deps.json: the default context loads it with the runner's dependencies.
        if (string.Equals(Path.GetDirectoryName(found), Path.TrimEndingDirectorySeparator(AppContext.BaseDirectory), StringComparison.Ordinal))
        {
            try
            {
                return AssemblyLoadContext.Default.LoadFromAssemblyName(new AssemblyName(assemblyName));
            }
            catch (FileNotFoundException)
            {
                // Not in the runner's dependency list: load it on its own below.
            }
        }

        lock (Gate)
        {
            if (Isolated.TryGetValue(found, out var isolated)) return isolated;
            try
            {
                var assembly = new HandlerLoadContext(found).LoadFromAssemblyPath(found);
                Isolated[found] = assembly;
                return assembly;
            }
            catch (BadImageFormatException)
            {
                throw new HandlerResolutionException($"'{found}' is not a .NET assembly.");
            }
        }
    }
}
