namespace Enrollment.Local.Cognito;

/// <summary>The few CreateUserPool fields the local stack and tests set; TOTP itself is turned on with SetUserPoolMfaConfig.</summary>
public sealed record CreateUserPoolRequest
{
    public required string PoolName { get; init; }

    /// <summary>See <see cref="MfaConfigurations"/>.</summary>
    public string? MfaConfiguration { get; init; }

    public UserPoolPolicies? Policies { get; init; }
    public IReadOnlyList<string>? AutoVerifiedAttributes { get; init; }
    public IReadOnlyList<string>? UsernameAttributes { get; init; }
    public IReadOnlyDictionary<string, string>? UserPoolTags { get; init; }
    public IReadOnlyList<SchemaAttribute>? Schema { get; init; }
    public UsernameConfiguration? UsernameConfiguration { get; init; }
    public AdminCreateUserConfig? AdminCreateUserConfig { get; init; }
}
