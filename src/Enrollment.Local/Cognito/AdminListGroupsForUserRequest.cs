namespace Enrollment.Local.Cognito;

public sealed record AdminListGroupsForUserRequest
{
    public required string UserPoolId { get; init; }
    public required string Username { get; init; }
    public int? Limit { get; init; }
    public string? NextToken { get; init; }
}
