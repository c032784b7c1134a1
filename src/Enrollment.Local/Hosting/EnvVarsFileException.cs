namespace Enrollment.Local.Hosting;

/// <summary>The env-vars file is missing or not in SAM's format; the message says where.</summary>
public sealed class EnvVarsFileException(string message) : Exception(message);
