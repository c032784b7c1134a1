namespace Enrollment.Core.SignIn;

/// <summary>
/// When each unenrolled user's grace period started. Recorded once (a conditional write: of two concurrent
/// first sign-ins, one start wins and both read it). Throws ServiceUnavailable when the store cannot be reached.
/// </summary>
public interface IGracePeriodStore
{
    /// <summary>The recorded start, or <paramref name="now"/> after recording it as the start.</summary>
    Task<DateTimeOffset> GetOrStartAsync(string tenantId, string username, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>An administrator's audited grant (GraceGrantService): the recorded start becomes <paramref name="startedAt"/>.</summary>
    Task GrantAsync(string tenantId, string userSub, DateTimeOffset startedAt, CancellationToken cancellationToken);
}
