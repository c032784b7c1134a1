namespace Enrollment.Infrastructure.Cognito.Model;

/// <summary>UserPoolPolicyType.</summary>
public sealed record UserPoolPolicies
{
    public PasswordPolicy? PasswordPolicy { get; init; }
}
