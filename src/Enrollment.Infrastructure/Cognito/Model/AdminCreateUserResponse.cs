namespace Enrollment.Infrastructure.Cognito.Model;

public sealed record AdminCreateUserResponse
{
    public CognitoUser? User { get; init; }
}
