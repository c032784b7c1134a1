namespace Enrollment.Core.Totp;

/// <summary>
/// What we keep about a user's authenticator that Cognito does not give back: the device name
/// (FriendlyDeviceName is write-only there) and when it was enrolled.
/// </summary>
public sealed record EnrollmentRecord(string TenantId, string Username, string? UserSub, string? DeviceName, DateTimeOffset EnrolledAt);

/// <summary>Per-user enrollment records in the user state table.</summary>
public interface IEnrollmentRecordStore
{
    Task<EnrollmentRecord?> GetAsync(string tenantId, string username, CancellationToken cancellationToken);

    Task PutAsync(EnrollmentRecord record, CancellationToken cancellationToken);

    Task DeleteAsync(string tenantId, string username, CancellationToken cancellationToken);
}
