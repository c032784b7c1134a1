namespace Enrollment.Infrastructure.Cognito.Model;

public sealed record DescribeUserPoolResponse
{
    public UserPoolDescription? UserPool { get; init; }
}
