namespace Enrollment.Local.Cli;

/// <summary>A problem with what the user asked for (a missing file, a bad event); printed as one line, exit code 2.</summary>
public sealed class CliException(string message) : Exception(message);
