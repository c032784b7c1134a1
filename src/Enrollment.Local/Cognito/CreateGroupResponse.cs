namespace Enrollment.Local.Cognito;

public sealed record CreateGroupResponse
{
    public UserPoolGroup? Group { get; init; }
}
