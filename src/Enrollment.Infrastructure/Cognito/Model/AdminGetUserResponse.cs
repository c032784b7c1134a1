using System.Text.Json.Serialization;

namespace Enrollment.Infrastructure.Cognito.Model;

public sealed record AdminGetUserResponse
{
    public string? Username { get; init; }
    public IReadOnlyList<UserAttribute>? UserAttributes { get; init; }

    [JsonConverter(typeof(EpochSecondsConverter))]
    public DateTimeOffset? UserCreateDate { get; init; }

    [JsonConverter(typeof(EpochSecondsConverter))]
    public DateTimeOffset? UserLastModifiedDate { get; init; }

    public bool? Enabled { get; init; }

    /// <summary>CONFIRMED, FORCE_CHANGE_PASSWORD, RESET_REQUIRED...</summary>
    public string? UserStatus { get; init; }

    public string? PreferredMfaSetting { get; init; }
    public IReadOnlyList<string>? UserMFASettingList { get; init; }

    public string? FindAttribute(string name) => UserAttributes?.FirstOrDefault(a => a.Name == name)?.Value;

    public override string ToString() => $"AdminGetUserResponse {{ Username = {Username}, UserStatus = {UserStatus}, Enabled = {Enabled}, PreferredMfaSetting = {PreferredMfaSetting} }}";
}
