namespace Enrollment.Local.Emulator;

/// <summary>The emulator was found but did not become ready; the message carries the last lines it printed.</summary>
public sealed class EmulatorStartException(string message) : Exception(message);
