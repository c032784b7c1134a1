using Enrollment.Local.Template;

namespace Enrollment.Local.Hosting;

/// <summary>
/// One function of the template, ready to take events: in this process (<see cref="FunctionHost"/>) or as the built
/// bootstrap in its own process behind a local Runtime API (<see cref="RuntimeApiFunctionHost"/>), as Lambda runs it.
/// </summary>
public interface IFunctionInvoker : IAsyncDisposable
{
    SamFunction Function { get; }

    /// <summary>What is running the function, for the runner's messages ("in-process", "bootstrap (native) pid 123").</summary>
    string Describe();

    /// <summary>A function error (an exception, a timeout, a failed init) is a result with Lambda's error document, not an exception.</summary>
    Task<InvocationResult> InvokeAsync(ReadOnlyMemory<byte> payload, string? requestId = null, CancellationToken cancellationToken = default);
}
