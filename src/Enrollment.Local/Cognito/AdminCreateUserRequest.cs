using Enrollment.Infrastructure.Cognito.Model;

namespace Enrollment.Local.Cognito;

public sealed record AdminCreateUserRequest
{
    public required string UserPoolId { get; init; }
    public required string Username { get; init; }
    public IReadOnlyList<UserAttribute>? UserAttributes { get; init; }

    /// <summary>Sign-in with it yields NEW_PASSWORD_REQUIRED (then MFA_SETUP in a pool that requires MFA).</summary>
    public string? TemporaryPassword { get; init; }

    /// <summary>SUPPRESS: send no invitation (local stack and tests).</summary>
    public string? MessageAction { get; init; }

    public IReadOnlyList<string>? DesiredDeliveryMediums { get; init; }

    public override string ToString() => $"AdminCreateUserRequest {{ UserPoolId = {UserPoolId}, Username = {Username}, TemporaryPassword = (redacted), MessageAction = {MessageAction} }}";
}
