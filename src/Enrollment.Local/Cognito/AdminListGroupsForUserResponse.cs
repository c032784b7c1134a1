namespace Enrollment.Local.Cognito;

public sealed record AdminListGroupsForUserResponse
{
    public IReadOnlyList<UserPoolGroup>? Groups { get; init; }
    public string? NextToken { get; init; }
}
