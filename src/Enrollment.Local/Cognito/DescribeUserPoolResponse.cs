namespace Enrollment.Local.Cognito;

public sealed record DescribeUserPoolResponse
{
    public UserPoolDescription? UserPool { get; init; }
}
