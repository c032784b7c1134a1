namespace Enrollment.Functions.Wire;

/// <summary>The api.md envelope: {"success": true, "data": ...} or {"success": false, "error": ...}.</summary>
public sealed record SuccessEnvelope<T>(T Data)
{
    public bool Success => true;
}

public sealed record ErrorEnvelope(ErrorBody Error)
{
    public bool Success => false;
}

public sealed record ErrorBody(string Code, string Message, string RequestId, string? Reason);
