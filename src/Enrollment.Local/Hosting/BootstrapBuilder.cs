using System.Diagnostics;

namespace Enrollment.Local.Hosting;

/// <summary>
/// Builds the repository's bootstrap for local runs: <c>dotnet publish -r {host rid}</c> with Native AOT (what ships,
/// for this machine's architecture: an arm64 binary cannot run on x64), or <c>dotnet build</c> for the managed build.
/// Skipped when the output is newer than every source file, so only the first run pays.
/// Each line of the build's own output that names a result is passed to <c>progress</c>.
/// </summary>
public sealed class BootstrapBuilder(string repositoryDirectory, TextWriter progress)
{
    public const string ProjectRelativePath = "src/Enrollment.Bootstrap/Enrollment.Bootstrap.csproj";

    public string ProjectPath => Path.Combine(repositoryDirectory, ProjectRelativePath);

    /// <summary>Where the Makefile puts it too (make bootstrap RID=linux-x64).</summary>
    public string NativePath => Path.Combine(repositoryDirectory, "artifacts", "bootstrap", NativeToolchain.HostRid, "bootstrap");

    public string ManagedPath => Path.Combine(repositoryDirectory, "src", "Enrollment.Bootstrap", "bin", "Debug", "net10.0", "bootstrap.dll");

    public async Task<BootstrapArtifact> BuildAsync(bool native, CancellationToken cancellationToken)
    {
        if (!File.Exists(ProjectPath))
            throw new HandlerResolutionException($"No bootstrap project at {ProjectPath}: the template's provided.* functions need it. Run from the repository, or pass --runtime in-process.");
        var output = native ? NativePath : ManagedPath;
        if (IsFresh(output))
        {
            await progress.WriteLineAsync($"  up to date: {output}").ConfigureAwait(false);
            return new BootstrapArtifact(output, native);
        }
        string[] arguments = native
            ? ["publish", ProjectPath, "-c", "Release", "-r", NativeToolchain.HostRid, "-o", Path.GetDirectoryName(NativePath)!, "--nologo"]
            : ["build", ProjectPath, "-c", "Debug", "--nologo"];
        await RunAsync(arguments, cancellationToken).ConfigureAwait(false);
        if (!File.Exists(output)) throw new HandlerResolutionException($"The build ended without {output}.");
        File.SetLastWriteTimeUtc(output, DateTime.UtcNow); // an unchanged incremental build keeps the old time
        return new BootstrapArtifact(output, native);
    }

    /// <summary>
    /// Newer than every .cs and .csproj file of src/ (but the runner's own, which bootstrap does not contain) and the
    /// repository's build settings.
    /// </summary>
    private bool IsFresh(string output)
    {
        if (!File.Exists(output)) return false;
        var built = File.GetLastWriteTimeUtc(output);
        var runner = Path.Combine(repositoryDirectory, "src", "Enrollment.Local") + Path.DirectorySeparatorChar;
        var sources = Directory.EnumerateFiles(Path.Combine(repositoryDirectory, "src"), "*.*", SearchOption.AllDirectories)
            .Where(f => !f.StartsWith(runner, StringComparison.Ordinal))
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                     && !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Where(f => f.EndsWith(".cs", StringComparison.Ordinal) || f.EndsWith(".csproj", StringComparison.Ordinal))
            .Concat(Directory.EnumerateFiles(repositoryDirectory, "Directory.*.props"));
        return sources.All(f => File.GetLastWriteTimeUtc(f) <= built);
    }

    private async Task RunAsync(IReadOnlyList<string> arguments, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(DotnetHost.Path)
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = repositoryDirectory,
        };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        using var process = Process.Start(start) ?? throw new HandlerResolutionException("Could not start dotnet to build bootstrap.");
        var lines = new List<string>();
        async Task PumpAsync(StreamReader reader)
        {
            while (await reader.ReadLineAsync(cancellationToken).ConfigureAwait(false) is { } line)
            {
                lock (lines) lines.Add(line);
                if (line.Contains(" -> ", StringComparison.Ordinal) || line.Contains("Generating native code", StringComparison.Ordinal))
                    await progress.WriteLineAsync("  " + line.Trim()).ConfigureAwait(false);
            }
        }
        try
        {
            await Task.WhenAll(PumpAsync(process.StandardOutput), PumpAsync(process.StandardError), process.WaitForExitAsync(cancellationToken)).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            if (!process.HasExited) process.Kill(entireProcessTree: true);
            throw;
        }
        if (process.ExitCode != 0)
        {
            var errors = lines.Where(l => l.Contains("error", StringComparison.OrdinalIgnoreCase)).Distinct().Take(10);
            throw new HandlerResolutionException($"dotnet {arguments[0]} of bootstrap failed (exit {process.ExitCode}):{Environment.NewLine}{string.Join(Environment.NewLine, errors)}");
        }
    }
}
