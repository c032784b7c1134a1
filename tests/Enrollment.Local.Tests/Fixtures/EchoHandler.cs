using System.Text;
using System.Text.Json;

namespace Enrollment.Local.Tests.Fixtures;

/// <summary>
/// A stand-in for the real HTTP handlers, with the same contract: a public parameterless constructor and
/// Handle(Stream) returning a payload 2.0 response. It reports what it saw, so tests can check the environment
/// was in place before construction and the event arrived intact.
/// </summary>
public sealed class EchoHandler
{
    public const string ConstructedLogLine = "{\"level\":\"Information\",\"message\":\"EchoHandler constructed\"}";
    public const string HandlingLogLine = "{\"level\":\"Information\",\"message\":\"EchoHandler handling\"}";

    private static int _constructions;

    private readonly string? _greetingAtConstruction;
    private readonly string? _tableAtConstruction;

    public EchoHandler()
    {
        _greetingAtConstruction = Environment.GetEnvironmentVariable("ECHO_GREETING");
        _tableAtConstruction = Environment.GetEnvironmentVariable("AUDIT_TABLE_NAME");
        Interlocked.Increment(ref _constructions);
        Console.WriteLine(ConstructedLogLine);
    }

    public static int Constructions => Volatile.Read(ref _constructions);

    public async Task<Stream> Handle(Stream input)
    {
        using var document = await JsonDocument.ParseAsync(input);
        Console.WriteLine(HandlingLogLine);
        var root = document.RootElement;
        var body = Json(writer =>
        {
            writer.WriteStartObject();
            writer.WriteString("greeting", _greetingAtConstruction);
            writer.WriteString("table", _tableAtConstruction);
            writer.WriteString("logLevel", Environment.GetEnvironmentVariable("LOG_LEVEL"));
            writer.WriteString("region", Environment.GetEnvironmentVariable("AWS_REGION"));
            writer.WriteString("routeKey", root.TryGetProperty("routeKey", out var rk) ? rk.GetString() : null);
            writer.WriteEndObject();
        });
        return new MemoryStream(Json(writer =>
        {
            writer.WriteStartObject();
            writer.WriteNumber("statusCode", 200);
            writer.WriteStartObject("headers");
            writer.WriteString("content-type", "application/json; charset=utf-8");
            writer.WriteEndObject();
            writer.WriteString("body", Encoding.UTF8.GetString(body));
            writer.WriteBoolean("isBase64Encoded", false);
            writer.WriteEndObject();
        }));
    }

    /// <summary>The synchronous form: Stream in, Stream out (echoes the event).</summary>
    public Stream HandleSync(Stream input)
    {
        var copy = new MemoryStream();
        input.CopyTo(copy);
        copy.Position = 0;
        return copy;
    }

    public static Task<Stream> HandleStatic(Stream input) => Task.FromResult<Stream>(new MemoryStream("{\"static\":true}"u8.ToArray()));

    public Task<Stream> Throw(Stream input) => throw new InvalidOperationException("boom from the handler");

    public Task<Stream> Hang(Stream input) => new TaskCompletionSource<Stream>().Task;

    public Task<string> WrongSignature(string input) => Task.FromResult(input);

    private static byte[] Json(Action<Utf8JsonWriter> write)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer)) write(writer);
        return buffer.ToArray();
    }
}
