namespace Enrollment.Local.Cognito;

public sealed record CreateUserPoolClientResponse
{
    public UserPoolClientDescription? UserPoolClient { get; init; }
}
