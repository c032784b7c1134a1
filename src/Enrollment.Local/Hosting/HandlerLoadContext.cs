using System.Reflection;
using System.Runtime.Loader;

namespace Enrollment.Local.Hosting;

/// <summary>
/// Loads a handler assembly that the runner was not built with (found under the function's CodeUri) together
/// with its dependencies from its own deps.json, so its package versions cannot clash with the runner's.
/// Framework assemblies come from the default context, so Stream and Task are the same types on both sides.
/// </summary>
internal sealed class HandlerLoadContext(string mainAssemblyPath) : AssemblyLoadContext(Path.GetFileNameWithoutExtension(mainAssemblyPath))
{
    private readonly AssemblyDependencyResolver _resolver = new(mainAssemblyPath);

    protected override Assembly? Load(AssemblyName assemblyName)
    {
        var path = _resolver.ResolveAssemblyToPath(assemblyName);
        return path is null ? null : LoadFromAssemblyPath(path);
    }

    protected override IntPtr LoadUnmanagedDll(string unmanagedDllName)
    {
        var path = _resolver.ResolveUnmanagedDllToPath(unmanagedDllName);
        return path is null ? IntPtr.Zero : LoadUnmanagedDllFromPath(path);
    }
}
