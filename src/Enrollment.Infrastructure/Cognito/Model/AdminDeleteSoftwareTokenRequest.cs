namespace Enrollment.Infrastructure.Cognito.Model;

/// <summary>
/// Removes the user's TOTP factor (lost device). Newer than the botocore model on this machine and absent from
/// moto; the shape is from the API reference: UserPoolId, Username; the response is empty.
/// </summary>
public sealed record AdminDeleteSoftwareTokenRequest
{
    public required string UserPoolId { get; init; }
    public required string Username { get; init; }
}
