namespace Enrollment.Functions.Wire;

/// <summary>The payload 2.0 response (shaped like APIGatewayHttpApiV2ProxyResponse).</summary>
public sealed record HttpApiResponse
{
    public int StatusCode { get; init; }
    public Dictionary<string, string> Headers { get; init; } = [];
    public string? Body { get; init; }
    public bool IsBase64Encoded { get; init; }
}
