using System.Net;
using System.Text.Json;

namespace Enrollment.Local.Tests.Stack;

/// <summary>An HTTP response from the local API, body parsed when it is JSON.</summary>
public sealed record ApiResponse(HttpStatusCode Status, JsonElement Body, string Text, IReadOnlyDictionary<string, string> Headers)
{
    public string? Header(string name) => Headers.TryGetValue(name.ToLowerInvariant(), out var value) ? value : null;

    public JsonElement Data => Body.GetProperty("data");

    public string? ErrorCode => Body.TryGetProperty("error", out var error) ? error.GetProperty("code").GetString() : null;

    public string? ErrorReason => Body.TryGetProperty("error", out var error) && error.TryGetProperty("reason", out var reason) ? reason.GetString() : null;

    public override string ToString() => $"{(int)Status} {Text}";
}
