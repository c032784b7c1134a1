using System.Text.Json.Serialization;

namespace Enrollment.Bootstrap.Runtime;

/// <summary>
/// The error document the Runtime API takes for an init or invocation error:
/// <c>{"errorMessage": "...", "errorType": "...", "stackTrace": ["..."]}</c> (AWS Lambda developer guide, runtime API,
/// "Initialization error" and "Invocation error"). <see cref="ErrorType"/> also goes in the
/// Lambda-Runtime-Function-Error-Type header.
/// </summary>
public sealed record LambdaError(
    [property: JsonPropertyName("errorMessage")] string ErrorMessage,
    [property: JsonPropertyName("errorType")] string ErrorType,
    [property: JsonPropertyName("stackTrace")] IReadOnlyList<string> StackTrace)
{
    /// <summary>Init error types the runtime API documents (e.g. Runtime.NoSuchHandler).</summary>
    public const string NoSuchHandler = "Runtime.NoSuchHandler";

    /// <summary>
    /// An error from an exception: its type name and message, and its stack one frame a line. The message is the
    /// exception's own: the functions never put secrets in exception messages (they log and answer codes instead).
    /// </summary>
    public static LambdaError From(Exception exception) => new(
        exception.Message,
        exception.GetType().Name,
        (exception.StackTrace ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
}
