namespace Enrollment.Local.Cognito;

public sealed record CreateUserPoolResponse
{
    public UserPoolDescription? UserPool { get; init; }
}
