using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Enrollment.Functions.Wire;

/// <summary>
/// Every HTTP wire type, source-generated: no reflection at start or per request. Requests are read with
/// <see cref="JsonSerializerContext"/>'s default instance; every answer, of every route, is written with
/// <see cref="Answers"/>, so all routes escape alike.
/// </summary>
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
[JsonSerializable(typeof(SuccessEnvelope<PolicyData>))]
[JsonSerializable(typeof(SuccessEnvelope<AuditPageData>))]
[JsonSerializable(typeof(SuccessEnvelope<TotpResetData>))]
[JsonSerializable(typeof(SuccessEnvelope<GraceGrantData>))]
[JsonSerializable(typeof(AuditEventData))]
public sealed partial class FunctionJsonContext : JsonSerializerContext
{
    /// <summary>
    /// The instance answers are written with: the options above plus relaxed escaping (a source-generation attribute
    /// cannot name an encoder). Bodies are JSON for apps and tools, never embedded in HTML, so '&amp;' in a Key URI,
    /// '&lt;' in an SVG and non-ASCII names stay readable instead of becoming \u0026, \u003C and \uXXXX; quotes,
    /// backslashes and control characters are still escaped, so the JSON stays valid.
    /// </summary>
    public static FunctionJsonContext Answers { get; } = new(new JsonSerializerOptions
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    });
}
