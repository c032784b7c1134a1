namespace Enrollment.Local.Cli;

/// <summary>Exit codes of the local runner.</summary>
public static class ExitCodes
{
    public const int Success = 0;

    /// <summary>The function ran and failed: it threw or timed out (its error document is on stdout).</summary>
    public const int FunctionError = 1;

    /// <summary>The runner could not run the function: a bad argument, template, event, env-vars file or handler.</summary>
    public const int UsageError = 2;
}
