using System.Text.Json.Serialization;

namespace Enrollment.Infrastructure.Cognito.Model;

public sealed record RespondToAuthChallengeResponse
{
    public string? ChallengeName { get; init; }

    public string? Session { get; init; }

    /// <summary>Non-string values (moto's MFAS_CAN_SETUP array) arrive as their raw JSON text.</summary>
    [JsonConverter(typeof(LenientStringMapConverter))]
    public IReadOnlyDictionary<string, string>? ChallengeParameters { get; init; }

    public AuthenticationResult? AuthenticationResult { get; init; }

    public override string ToString() =>
        $"RespondToAuthChallengeResponse {{ ChallengeName = {ChallengeName}, HasSession = {Session is not null}, AuthenticationResult = {AuthenticationResult} }}";
}
