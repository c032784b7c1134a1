namespace Enrollment.Local.Hosting;

/// <summary>How a <see cref="FunctionHost"/> runs its function.</summary>
public sealed record FunctionHostOptions
{
    /// <summary>The <c>--env-vars</c> file; its "Parameters" and the function's section override the template.</summary>
    public EnvVarsFile EnvVars { get; init; } = EnvVarsFile.Empty;

    /// <summary>Where START/END/REPORT lines go (stderr for <c>invoke</c>).</summary>
    public TextWriter Log { get; init; } = Console.Error;

    /// <summary>
    /// Send the function's own Console output to <see cref="Log"/> while it runs, so stdout carries only the
    /// response (as <c>sam local invoke</c> does). Console is process-wide: a server running functions
    /// concurrently should leave this off.
    /// </summary>
    public bool RedirectConsoleToLog { get; init; } = true;

    /// <summary>Overrides the function's Timeout (seconds in the template).</summary>
    public TimeSpan? Timeout { get; init; }

    /// <summary>Where to look for the handler assembly; by default beside the runner, then under CodeUri's bin/.</summary>
    public IReadOnlyList<string>? ProbeDirectories { get; init; }
}
