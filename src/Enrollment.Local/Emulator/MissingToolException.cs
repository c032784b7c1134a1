namespace Enrollment.Local.Emulator;

/// <summary>A program the local stack needs is not installed; the message says how to install it (one line, no stack trace).</summary>
public sealed class MissingToolException(string message) : Exception(message);
