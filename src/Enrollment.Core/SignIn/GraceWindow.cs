namespace Enrollment.Core.SignIn;

/// <summary>
/// An unenrolled user's grace period of a tenant that requires MFA: from the first sign-in the triggers saw,
/// for the tenant's <c>mfa.gracePeriodDays</c> (read now, so a policy change applies to everyone at once).
/// </summary>
public sealed record GraceWindow(DateTimeOffset StartedAt, DateTimeOffset EndsAt)
{
    public static GraceWindow From(DateTimeOffset startedAt, int gracePeriodDays) => new(startedAt, startedAt.AddDays(gracePeriodDays));

    public bool IsActiveAt(DateTimeOffset now) => now < EndsAt;
}
