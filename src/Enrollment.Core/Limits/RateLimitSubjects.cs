namespace Enrollment.Core.Limits;

/// <summary>Source limits: how a per-user limit of the policy applies to a whole source network.</summary>
public static class RateLimitSubjects
{
    /// <summary>
    /// A source is often many users behind one NAT (an office, a carrier), so before Cognito has proven a user a
    /// route allows a source this many times the policy's per-user limit: one abuser cannot lock a whole office out
    /// with the per-user number, and a script from one network still meets a bound.
    /// </summary>
    public const int UsersPerSource = 10;

    public static RateLimitSubject ForSource(string? sourceIp) => RateLimitSubject.Source(sourceIp);

    public static int SourceLimit(int perUserLimit) => checked(perUserLimit * UsersPerSource);
}
