using Enrollment.Local.Hosting;

namespace Enrollment.Local.Template;

/// <summary>
/// An AWS::Serverless::Function with Globals.Function merged in and every value resolved.
/// <see cref="Environment"/> is the template's environment only; <see cref="FunctionEnvironment"/> adds the
/// Lambda runtime variables and an env-vars file.
/// </summary>
public sealed record SamFunction(
    string LogicalId,
    string Handler,
    string? Runtime,
    IReadOnlyList<string> Architectures,
    string? CodeUri,
    int MemorySize,
    int Timeout,
    IReadOnlyDictionary<string, string> Environment,
    IReadOnlyList<HttpApiRoute> HttpApiEvents,
    IReadOnlyList<CognitoTrigger> CognitoTriggers,
    IReadOnlyDictionary<string, object?> Properties)
{
    /// <summary>The Handler string parsed; throws a <see cref="HandlerResolutionException"/> when it is malformed.</summary>
    public HandlerReference ParseHandler() => HandlerReference.Parse(Handler, LogicalId);
}
