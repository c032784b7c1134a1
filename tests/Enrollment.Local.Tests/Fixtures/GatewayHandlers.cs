using System.Text;
using System.Text.Json;

namespace Enrollment.Local.Tests.Fixtures;

/// <summary>Functions behind the gateway fixture: one returns the event it received, the others shape odd responses.</summary>
public sealed class GatewayHandlers
{
    private static int _events;

    public static int EventInvocations => Volatile.Read(ref _events);

    /// <summary>200 with the payload 2.0 event as the body, so a test can read what the gateway built.</summary>
    public async Task<Stream> Event(Stream input)
    {
        Interlocked.Increment(ref _events);
        using var reader = new StreamReader(input);
        var text = await reader.ReadToEndAsync();
        return Json(writer =>
        {
            writer.WriteStartObject();
            writer.WriteNumber("statusCode", 200);
            writer.WriteStartObject("headers");
            writer.WriteString("content-type", "application/json");
            writer.WriteEndObject();
            writer.WriteString("body", text);
            writer.WriteEndObject();
        });
    }

    /// <summary>Valid JSON without a statusCode: API Gateway answers 200 application/json with it.</summary>
    public Task<Stream> Raw(Stream input) => Task.FromResult<Stream>(new MemoryStream("""{"hello":"world"}"""u8.ToArray()));

    /// <summary>A base64 body, a custom header and two cookies.</summary>
    public Task<Stream> Binary(Stream input) => Task.FromResult<Stream>(Json(writer =>
    {
        writer.WriteStartObject();
        writer.WriteNumber("statusCode", 201);
        writer.WriteStartObject("headers");
        writer.WriteString("content-type", "application/octet-stream");
        writer.WriteString("x-custom", "yes");
        writer.WriteEndObject();
        writer.WriteStartArray("cookies");
        writer.WriteStringValue("a=1; Path=/");
        writer.WriteStringValue("b=2; HttpOnly");
        writer.WriteEndArray();
        writer.WriteString("body", Convert.ToBase64String([0, 1, 2, 254, 255]));
        writer.WriteBoolean("isBase64Encoded", true);
        writer.WriteEndObject();
    }));

    public Task<Stream> Throw(Stream input) => throw new InvalidOperationException("boom");

    private static MemoryStream Json(Action<Utf8JsonWriter> write)
    {
        var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer)) write(writer);
        buffer.Position = 0;
        return buffer;
    }
}
