namespace Enrollment.Local.Cognito;

public sealed record AdminCreateUserResponse
{
    public CognitoUser? User { get; init; }
}
