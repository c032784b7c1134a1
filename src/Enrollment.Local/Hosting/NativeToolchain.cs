using System.Runtime.InteropServices;

namespace Enrollment.Local.Hosting;

/// <summary>
/// Whether this machine can link a Native AOT build of bootstrap for itself: Linux, and a C toolchain the ILCompiler
/// package drives (clang, else gcc) plus objcopy to strip symbols. The ILCompiler package itself restores from NuGet.
/// </summary>
public static class NativeToolchain
{
    /// <summary>The runtime identifier of this machine (linux-x64, linux-arm64).</summary>
    public static string HostRid => "linux-" + RuntimeInformation.OSArchitecture.ToString().ToLowerInvariant();

    /// <summary>Null when a native build can run here, else what is missing and how to get it.</summary>
    public static string? Missing()
    {
        if (!OperatingSystem.IsLinux())
            return $"a native Linux bootstrap cannot run on {RuntimeInformation.OSDescription}; build it for Lambda with `sam build --use-container` (see README)";
        var linker = OnPath("clang") ?? OnPath("gcc");
        var strip = OnPath("objcopy") ?? OnPath("llvm-objcopy");
        if (linker is null || strip is null)
            return "no C toolchain for Native AOT (clang or gcc, and objcopy); on Debian/Ubuntu: sudo apt-get install -y clang lld";
        return null;
    }

    public static string? OnPath(string name)
    {
        foreach (var directory in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = Path.Combine(directory, name);
            if (File.Exists(candidate)) return candidate;
        }
        return null;
    }
}
