using System.Text;

namespace Enrollment.Local.Hosting;

/// <summary>
/// One invocation: the response payload (for an HTTP API function, the payload 2.0 response JSON), or the Lambda
/// error document when the function threw or timed out, with the numbers a REPORT line shows.
/// </summary>
public sealed record InvocationResult(
    string RequestId,
    byte[] Payload,
    bool IsError,
    string? ErrorType,
    TimeSpan Duration,
    TimeSpan? InitDuration,
    long MaxMemoryUsedMb)
{
    public string PayloadText => Encoding.UTF8.GetString(Payload);
}
