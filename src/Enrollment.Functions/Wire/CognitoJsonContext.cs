using System.Text.Json.Serialization;

namespace Enrollment.Functions.Wire;

/// <summary>
/// The Cognito trigger events, source-generated. camelCase; unknown members are skipped when reading (the
/// functions keep the parsed event, so they still go back to Cognito); nulls are written, as Cognito writes them,
/// except where a member says otherwise.
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    PropertyNameCaseInsensitive = false)]
[JsonSerializable(typeof(DefineAuthChallengeEvent))]
[JsonSerializable(typeof(CreateAuthChallengeEvent))]
[JsonSerializable(typeof(VerifyAuthChallengeEvent))]
[JsonSerializable(typeof(PreTokenGenerationV2Event))]
[JsonSerializable(typeof(DefineAuthChallengeResponse))]
[JsonSerializable(typeof(CreateAuthChallengeResponse))]
[JsonSerializable(typeof(VerifyAuthChallengeResponse))]
[JsonSerializable(typeof(PreTokenGenerationV2Response))]
public sealed partial class CognitoJsonContext : JsonSerializerContext;
