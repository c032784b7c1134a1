using Enrollment.Core.Admin;
using Enrollment.Core.Time;

namespace Enrollment.Functions.Wire;

/// <summary>The grace grant's answer: whose (the pool's username), and the new period's start and end (ISO-8601 UTC).</summary>
public sealed record GraceGrantData(string Username, string StartedAt, string EndsAt)
{
    public static GraceGrantData Of(GraceGrantResult result) => new(result.Username, IsoTime.Format(result.StartedAt), IsoTime.Format(result.EndsAt));
}
