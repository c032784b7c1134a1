namespace Enrollment.Local.Cognito;

public sealed record SetUserPoolMfaConfigResponse
{
    public string? MfaConfiguration { get; init; }
    public SoftwareTokenMfaConfig? SoftwareTokenMfaConfiguration { get; init; }
}
