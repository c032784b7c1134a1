namespace Enrollment.Infrastructure.Cognito.Model;

public sealed record GetUserResponse
{
    public string? Username { get; init; }
    public IReadOnlyList<UserAttribute>? UserAttributes { get; init; }

    /// <summary>E.g. SOFTWARE_TOKEN_MFA; moto sends "" when none.</summary>
    public string? PreferredMfaSetting { get; init; }

    /// <summary>The MFA factors turned on for the user, e.g. SOFTWARE_TOKEN_MFA.</summary>
    public IReadOnlyList<string>? UserMFASettingList { get; init; }

    public string? FindAttribute(string name) => UserAttributes?.FirstOrDefault(a => a.Name == name)?.Value;

    public override string ToString() => $"GetUserResponse {{ Username = {Username}, PreferredMfaSetting = {PreferredMfaSetting} }}";
}
