namespace Enrollment.Local.Cli;

/// <summary>Exit codes of the local runner.</summary>
public static class ExitCodes
{
    public const int Success = 0;

    /// <summary>The function ran and failed: it threw or timed out (its error document is on stdout).</summary>
    public const int FunctionError = 1;

    /// <summary>The runner could not run the function: a bad argument, template, event, env-vars file or handler.</summary>
    public const int UsageError = 2;

    /// <summary>A program the local stack needs (moto_server) is not installed.</summary>
    public const int MissingTool = 3;

    /// <summary>The local stack failed while starting (the emulator, provisioning or the server); everything started was stopped.</summary>
    public const int StartupFailed = 4;

    /// <summary>Ctrl-C or SIGTERM arrived before the stack was up (128 + SIGINT, as shells report it).</summary>
    public const int Interrupted = 130;
}
