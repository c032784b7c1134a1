using System.Text.Json.Serialization;
using Enrollment.Infrastructure.Cognito;
using Enrollment.Infrastructure.Cognito.Model;

namespace Enrollment.Local.Cognito;

/// <summary>UserType (AdminCreateUser's answer).</summary>
public sealed record CognitoUser
{
    public string? Username { get; init; }
    public IReadOnlyList<UserAttribute>? Attributes { get; init; }
    public bool? Enabled { get; init; }
    public string? UserStatus { get; init; }

    [JsonConverter(typeof(EpochSecondsConverter))]
    public DateTimeOffset? UserCreateDate { get; init; }

    public string? FindAttribute(string name) => Attributes?.FirstOrDefault(a => a.Name == name)?.Value;

    public override string ToString() => $"CognitoUser {{ Username = {Username}, UserStatus = {UserStatus}, Enabled = {Enabled} }}";
}
