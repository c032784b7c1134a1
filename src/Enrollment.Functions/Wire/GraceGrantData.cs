using Enrollment.Core.Admin;

namespace Enrollment.Functions.Wire;

/// <summary>The grace grant's answer: whose (the pool's username), and the new period's start and end (ISO-8601 UTC).</summary>
public sealed record GraceGrantData(string Username, string StartedAt, string EndsAt)
{
    public static GraceGrantData Of(GraceGrantResult result) => new(result.Username, WireTime.Format(result.StartedAt), WireTime.Format(result.EndsAt));
}
