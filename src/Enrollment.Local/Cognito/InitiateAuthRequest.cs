namespace Enrollment.Local.Cognito;

public sealed record InitiateAuthRequest
{
    /// <summary>See <see cref="AuthFlows"/>.</summary>
    public required string AuthFlow { get; init; }

    public required string ClientId { get; init; }

    /// <summary>USERNAME, PASSWORD, SECRET_HASH, REFRESH_TOKEN...: sensitive, so ToString lists keys only.</summary>
    public IReadOnlyDictionary<string, string>? AuthParameters { get; init; }

    public IReadOnlyDictionary<string, string>? ClientMetadata { get; init; }

    public string? Session { get; init; }

    public override string ToString() =>
        $"InitiateAuthRequest {{ AuthFlow = {AuthFlow}, ClientId = {ClientId}, AuthParameterKeys = [{string.Join(", ", AuthParameters?.Keys ?? [])}] }}";
}
