namespace Enrollment.Local.Cognito;

public sealed record SetUserPoolMfaConfigRequest
{
    public required string UserPoolId { get; init; }

    /// <summary>See <see cref="MfaConfigurations"/>.</summary>
    public string? MfaConfiguration { get; init; }

    public SoftwareTokenMfaConfig? SoftwareTokenMfaConfiguration { get; init; }
}
