namespace Enrollment.Infrastructure.Cognito.Model;

public sealed record GetUserRequest
{
    public required string AccessToken { get; init; }

    public override string ToString() => "GetUserRequest { AccessToken = (redacted) }";
}
