namespace Enrollment.Local.Hosting;

/// <summary>
/// The Handler string cannot be turned into a callable method: a malformed string, an assembly that is not
/// built, a missing type or method, or a signature the runtime would not call. The message says which and
/// what to do; it never carries a stack trace.
/// </summary>
public sealed class HandlerResolutionException(string message) : Exception(message);
