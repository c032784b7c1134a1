namespace Enrollment.Local.Cognito;

/// <summary>GroupType.</summary>
public sealed record UserPoolGroup
{
    public string? GroupName { get; init; }
    public string? UserPoolId { get; init; }
    public string? Description { get; init; }
    public string? RoleArn { get; init; }
    public int? Precedence { get; init; }
}
