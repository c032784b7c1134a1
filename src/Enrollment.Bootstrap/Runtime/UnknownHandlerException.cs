namespace Enrollment.Bootstrap.Runtime;

/// <summary>_HANDLER names no function of this bootstrap: reported as Runtime.NoSuchHandler at init.</summary>
public sealed class UnknownHandlerException(string message) : Exception(message);
