using System.Text.Json;

namespace Enrollment.Functions.Tests;

/// <summary>A handler's payload 2.0 response, parsed for assertions.</summary>
public sealed class FunctionResponse
{
    private FunctionResponse(string raw, JsonElement root)
    {
        Raw = raw;
        StatusCode = root.GetProperty("statusCode").GetInt32();
        Headers = root.GetProperty("headers").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString()!, StringComparer.OrdinalIgnoreCase);
        BodyText = root.GetProperty("body").GetString()!;
        Body = JsonDocument.Parse(BodyText).RootElement.Clone();
    }

    public string Raw { get; }
    public int StatusCode { get; }
    public Dictionary<string, string> Headers { get; }
    public string BodyText { get; }
    public JsonElement Body { get; }

    public bool Success => Body.GetProperty("success").GetBoolean();
    public JsonElement Data => Body.GetProperty("data");
    public string ErrorCode => Body.GetProperty("error").GetProperty("code").GetString()!;
    public string? Reason => Body.GetProperty("error").TryGetProperty("reason", out var r) ? r.GetString() : null;

    public static async Task<FunctionResponse> ReadAsync(Stream output)
    {
        using var reader = new StreamReader(output);
        var raw = await reader.ReadToEndAsync();
        return new FunctionResponse(raw, JsonDocument.Parse(raw).RootElement.Clone());
    }

    /// <summary>Asserts the api.md error envelope: status, code, request id echoed in body and header.</summary>
    public void AssertError(int status, string code)
    {
        Assert.True(status == StatusCode, $"expected {status} {code}, got {StatusCode}: {BodyText}");
        Assert.False(Success);
        Assert.Equal(code, ErrorCode);
        Assert.Equal(Headers["x-request-id"], Body.GetProperty("error").GetProperty("requestId").GetString());
        Assert.Equal("application/json; charset=utf-8", Headers["content-type"]);
        Assert.False(string.IsNullOrWhiteSpace(Body.GetProperty("error").GetProperty("message").GetString()));
    }
}
