namespace Enrollment.Local.Hosting;

/// <summary>
/// A built <c>bootstrap</c>: the native executable (what provided.al2023 runs), or the managed build of the same
/// program (bootstrap.dll, run with <c>dotnet</c>), which talks to the same Runtime API and runs the same code.
/// </summary>
public sealed record BootstrapArtifact(string Path, bool IsNative)
{
    public string Kind => IsNative ? "native" : "managed";

    /// <summary>A path given by the user: bootstrap.dll is the managed build, anything else an executable.</summary>
    public static BootstrapArtifact FromPath(string path)
    {
        var full = System.IO.Path.GetFullPath(path);
        if (!File.Exists(full)) throw new HandlerResolutionException($"No bootstrap at {full}.");
        return new BootstrapArtifact(full, !full.EndsWith(".dll", StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>The program and arguments that start it.</summary>
    public (string FileName, IReadOnlyList<string> Arguments) Command() =>
        IsNative ? (Path, []) : (DotnetHost.Path, [Path]);
}
