namespace Enrollment.Infrastructure.Cognito.Model;

public sealed record CreateGroupResponse
{
    public UserPoolGroup? Group { get; init; }
}
