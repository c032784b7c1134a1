namespace Enrollment.Local.Cognito;

public sealed record CreateUserPoolClientRequest
{
    public required string UserPoolId { get; init; }
    public required string ClientName { get; init; }

    /// <summary>False for mobile apps: a secret cannot be kept in an app, and SECRET_HASH would be needed everywhere.</summary>
    public bool? GenerateSecret { get; init; }

    /// <summary>See <see cref="AuthFlows"/> (the ALLOW_ values).</summary>
    public IReadOnlyList<string>? ExplicitAuthFlows { get; init; }

    /// <summary>ENABLED hides whether a username exists.</summary>
    public string? PreventUserExistenceErrors { get; init; }

    /// <summary>Minutes a challenge session lives (3 to 15).</summary>
    public int? AuthSessionValidity { get; init; }

    /// <summary>The attributes a user's token may read (GetUser) and write (UpdateUserAttributes).</summary>
    public IReadOnlyList<string>? ReadAttributes { get; init; }
    public IReadOnlyList<string>? WriteAttributes { get; init; }
}
