using System.Text.Json.Serialization;

namespace Enrollment.Functions.Wire;

/// <summary>The admin routes' response types, source-generated like <see cref="FunctionJsonContext"/> (same options).</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    PropertyNameCaseInsensitive = false)]
[JsonSerializable(typeof(SuccessEnvelope<PolicyData>))]
[JsonSerializable(typeof(SuccessEnvelope<AuditPageData>))]
[JsonSerializable(typeof(SuccessEnvelope<TotpResetData>))]
[JsonSerializable(typeof(SuccessEnvelope<GraceGrantData>))]
[JsonSerializable(typeof(AuditEventData))]
public sealed partial class AdminJsonContext : JsonSerializerContext;
