namespace Enrollment.Local.Hosting;

/// <summary>How the runner runs a function (<c>--runtime</c>).</summary>
public enum RuntimeMode
{
    /// <summary>provided.* functions: the native bootstrap when this machine can build it, else its managed build; dotnet* functions in-process.</summary>
    Auto,

    /// <summary>The Native AOT bootstrap (what ships) through the Runtime API; fails when the toolchain is missing.</summary>
    Native,

    /// <summary>The managed build of the same bootstrap, in its own process, through the Runtime API.</summary>
    Managed,

    /// <summary>The handler loaded into the runner's process (fast; not what ships).</summary>
    InProcess,
}
