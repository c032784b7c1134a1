namespace Enrollment.Local.Cognito;

/// <summary>The parts of UserPoolType we read.</summary>
public sealed record UserPoolDescription
{
    public string? Id { get; init; }
    public string? Name { get; init; }
    public string? Arn { get; init; }
    public string? MfaConfiguration { get; init; }
    public UserPoolPolicies? Policies { get; init; }
    public int? EstimatedNumberOfUsers { get; init; }
}
