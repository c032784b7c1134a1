namespace Enrollment.Local.Cognito;

public sealed record CreateGroupRequest
{
    public required string UserPoolId { get; init; }
    public required string GroupName { get; init; }
    public string? Description { get; init; }
    public int? Precedence { get; init; }
}
