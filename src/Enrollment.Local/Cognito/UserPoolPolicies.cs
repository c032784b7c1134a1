namespace Enrollment.Local.Cognito;

/// <summary>UserPoolPolicyType.</summary>
public sealed record UserPoolPolicies
{
    public PasswordPolicy? PasswordPolicy { get; init; }
}
