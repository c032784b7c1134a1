namespace Enrollment.Infrastructure.Cognito.Model;

public sealed record CreateUserPoolClientResponse
{
    public UserPoolClientDescription? UserPoolClient { get; init; }
}
