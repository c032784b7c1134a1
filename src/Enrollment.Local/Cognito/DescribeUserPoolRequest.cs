namespace Enrollment.Local.Cognito;

public sealed record DescribeUserPoolRequest
{
    public required string UserPoolId { get; init; }
}
