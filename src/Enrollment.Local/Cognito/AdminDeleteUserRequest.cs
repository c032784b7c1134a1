namespace Enrollment.Local.Cognito;

/// <summary>Deletes a user (tests: a username given to a new user afterwards gets a new sub).</summary>
public sealed record AdminDeleteUserRequest
{
    public required string UserPoolId { get; init; }
    public required string Username { get; init; }
}
