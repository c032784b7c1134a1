namespace Enrollment.Local.Cli;

/// <summary>A step of the demo failed; the message says what happened and what to do, never a token or a secret.</summary>
public sealed class DemoFailure(string message) : Exception(message);
