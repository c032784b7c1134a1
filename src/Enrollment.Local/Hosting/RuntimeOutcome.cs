namespace Enrollment.Local.Hosting;

/// <summary>What the runtime posted for an event: the response body, or an error document with its error type header.</summary>
public sealed record RuntimeOutcome(byte[] Body, string? ErrorType)
{
    public bool IsError => ErrorType is not null;
}
