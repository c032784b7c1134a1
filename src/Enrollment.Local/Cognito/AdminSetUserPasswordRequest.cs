namespace Enrollment.Local.Cognito;

public sealed record AdminSetUserPasswordRequest
{
    public required string UserPoolId { get; init; }
    public required string Username { get; init; }
    public required string Password { get; init; }

    /// <summary>True confirms the user (no NEW_PASSWORD_REQUIRED at the next sign-in).</summary>
    public bool? Permanent { get; init; }

    public override string ToString() => $"AdminSetUserPasswordRequest {{ UserPoolId = {UserPoolId}, Username = {Username}, Password = (redacted), Permanent = {Permanent} }}";
}
