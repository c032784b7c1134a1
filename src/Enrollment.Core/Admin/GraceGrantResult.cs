namespace Enrollment.Core.Admin;

/// <summary>A new grace period an administrator granted: whose (the pool's username), from when, until when.</summary>
public sealed record GraceGrantResult(string Username, DateTimeOffset StartedAt, DateTimeOffset EndsAt);
