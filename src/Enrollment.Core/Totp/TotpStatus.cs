namespace Enrollment.Core.Totp;

/// <summary>
/// What GET /v1/me/totp shows: the user pool's view (enrolled, preferred) with what only we keep (device
/// name, enrolled-at, recovery codes left). The last three are empty when the user is not enrolled.
/// </summary>
public sealed record TotpStatus(bool Enrolled, bool Preferred, string? DeviceName, DateTimeOffset? EnrolledAt, int RecoveryCodesRemaining);
