using System.Net;

namespace Enrollment.Bootstrap.Runtime;

/// <summary>The Runtime API refused a call (or answered without what it documents).</summary>
public sealed class LambdaRuntimeApiException(string message, HttpStatusCode? status = null) : Exception(message)
{
    public HttpStatusCode? Status { get; } = status;
}
