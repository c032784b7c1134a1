using System.Text.Json.Serialization;
using Enrollment.Infrastructure.Cognito;
using Enrollment.Infrastructure.Cognito.Model;

namespace Enrollment.Local.Cognito;

public sealed record InitiateAuthResponse
{
    /// <summary>See <see cref="Enrollment.Core.UserPool.ChallengeNames"/>; null when <see cref="AuthenticationResult"/> is set.</summary>
    public string? ChallengeName { get; init; }

    public string? Session { get; init; }

    /// <summary>Non-string values (moto's MFAS_CAN_SETUP array) arrive as their raw JSON text.</summary>
    [JsonConverter(typeof(LenientStringMapConverter))]
    public IReadOnlyDictionary<string, string>? ChallengeParameters { get; init; }

    public AuthenticationResult? AuthenticationResult { get; init; }

    public IReadOnlyList<string>? AvailableChallenges { get; init; }

    public override string ToString() =>
        $"InitiateAuthResponse {{ ChallengeName = {ChallengeName}, HasSession = {Session is not null}, AuthenticationResult = {AuthenticationResult} }}";
}
