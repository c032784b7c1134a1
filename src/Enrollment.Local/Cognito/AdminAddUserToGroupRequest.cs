namespace Enrollment.Local.Cognito;

public sealed record AdminAddUserToGroupRequest
{
    public required string UserPoolId { get; init; }
    public required string Username { get; init; }
    public required string GroupName { get; init; }
}
