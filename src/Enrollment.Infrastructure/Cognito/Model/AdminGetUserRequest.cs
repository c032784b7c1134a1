namespace Enrollment.Infrastructure.Cognito.Model;

public sealed record AdminGetUserRequest
{
    public required string UserPoolId { get; init; }
    public required string Username { get; init; }
}
