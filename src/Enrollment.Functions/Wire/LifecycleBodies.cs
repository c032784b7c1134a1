using System.Text.Json.Serialization;

namespace Enrollment.Functions.Wire;

// Bodies of the lifecycle routes (docs/api-lifecycle.md). Unknown fields are ignored; wrong types are a 400.

public sealed record RecoverTotpBody(string? Username, string? ClientId, string? RecoveryCode);

// Response data.

/// <summary>GET /v1/me/totp. The optional fields are written as null, not left out: the shape stays the same.</summary>
public sealed record TotpStatusData(
    bool Enrolled,
    bool Preferred,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] string? DeviceName,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] string? EnrolledAt,
    int RecoveryCodesRemaining);

public sealed record TotpDisabledData(string Status, bool MfaEnabled);

public sealed record RecoveryCodesData(IReadOnlyList<string> RecoveryCodes, string IssuedAt);

/// <summary>POST /v1/recovery/totp: the same whatever happened (see docs/api-lifecycle.md).</summary>
public sealed record RecoveryAcceptedData(string Status);
