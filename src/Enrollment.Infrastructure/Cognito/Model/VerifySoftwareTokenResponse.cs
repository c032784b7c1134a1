namespace Enrollment.Infrastructure.Cognito.Model;

public sealed record VerifySoftwareTokenResponse
{
    public const string Success = "SUCCESS";

    /// <summary>SUCCESS or ERROR.</summary>
    public string? Status { get; init; }

    /// <summary>On the session path, the session to finish MFA_SETUP with.</summary>
    public string? Session { get; init; }

    public override string ToString() => $"VerifySoftwareTokenResponse {{ Status = {Status}, HasSession = {Session is not null} }}";
}
