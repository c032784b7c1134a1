namespace Enrollment.Infrastructure.Cognito.Model;

public sealed record CreateUserPoolResponse
{
    public UserPoolDescription? UserPool { get; init; }
}
