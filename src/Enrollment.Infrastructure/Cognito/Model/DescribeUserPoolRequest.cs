namespace Enrollment.Infrastructure.Cognito.Model;

public sealed record DescribeUserPoolRequest
{
    public required string UserPoolId { get; init; }
}
