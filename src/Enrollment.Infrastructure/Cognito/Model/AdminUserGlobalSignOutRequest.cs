namespace Enrollment.Infrastructure.Cognito.Model;

/// <summary>
/// Revokes every refresh token of the user and the access tokens minted from them (botocore 1.43 model: UserPoolId
/// and Username, both required; the response is empty). Idempotent: signing out a signed-out user succeeds.
/// </summary>
public sealed record AdminUserGlobalSignOutRequest
{
    public required string UserPoolId { get; init; }
    public required string Username { get; init; }
}
