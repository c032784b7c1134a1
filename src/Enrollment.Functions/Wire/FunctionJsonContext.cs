using System.Text.Json.Serialization;

namespace Enrollment.Functions.Wire;

/// <summary>Every wire type, source-generated: no reflection at start or per request.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    PropertyNameCaseInsensitive = false)]
[JsonSerializable(typeof(HttpApiRequest))]
[JsonSerializable(typeof(HttpApiResponse))]
[JsonSerializable(typeof(ErrorEnvelope))]
[JsonSerializable(typeof(SuccessEnvelope<AssociateData>))]
[JsonSerializable(typeof(SuccessEnvelope<VerifyData>))]
[JsonSerializable(typeof(SuccessEnvelope<ChallengeVerifyData>))]
[JsonSerializable(typeof(AssociateBody))]
[JsonSerializable(typeof(MeVerifyBody))]
[JsonSerializable(typeof(ChallengeAssociateBody))]
[JsonSerializable(typeof(ChallengeVerifyBody))]
[JsonSerializable(typeof(RecoverTotpBody))]
[JsonSerializable(typeof(SuccessEnvelope<TotpStatusData>))]
[JsonSerializable(typeof(SuccessEnvelope<TotpDisabledData>))]
[JsonSerializable(typeof(SuccessEnvelope<RecoveryCodesData>))]
[JsonSerializable(typeof(SuccessEnvelope<RecoveryAcceptedData>))]
public sealed partial class FunctionJsonContext : JsonSerializerContext;
