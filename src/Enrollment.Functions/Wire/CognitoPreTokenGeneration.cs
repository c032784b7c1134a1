using System.Text.Json.Serialization;

namespace Enrollment.Functions.Wire;

/// <summary>TokenGeneration_* with trigger event version 2 (LambdaVersion V2_0): both tokens can be changed.</summary>
public sealed record PreTokenGenerationV2Event : CognitoTriggerEvent
{
    public PreTokenGenerationV2Request? Request { get; init; }
    public PreTokenGenerationV2Response? Response { get; init; }
}

public sealed record PreTokenGenerationV2Request
{
    public Dictionary<string, string>? UserAttributes { get; init; }
    public CognitoGroupConfiguration? GroupConfiguration { get; init; }

    /// <summary>The scopes the access token would carry (InitiateAuth: only aws.cognito.signin.user.admin).</summary>
    public List<string>? Scopes { get; init; }

    public Dictionary<string, string>? ClientMetadata { get; init; }
}

public sealed record CognitoGroupConfiguration
{
    public List<string>? GroupsToOverride { get; init; }
    public List<string>? IamRolesToOverride { get; init; }
    public string? PreferredRole { get; init; }
}

/// <summary>Cognito sends <c>claimsAndScopeOverrideDetails</c> as null.</summary>
public sealed record PreTokenGenerationV2Response
{
    public ClaimsAndScopeOverrideDetails? ClaimsAndScopeOverrideDetails { get; init; }
}

// Members left out are written as absent, not null: Cognito treats an absent member as "no change".

public sealed record ClaimsAndScopeOverrideDetails
{
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IdTokenGeneration? IdTokenGeneration { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public AccessTokenGeneration? AccessTokenGeneration { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public CognitoGroupConfiguration? GroupOverrideDetails { get; init; }
}

public sealed record IdTokenGeneration
{
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public Dictionary<string, string>? ClaimsToAddOrOverride { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public List<string>? ClaimsToSuppress { get; init; }
}

public sealed record AccessTokenGeneration
{
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public Dictionary<string, string>? ClaimsToAddOrOverride { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public List<string>? ClaimsToSuppress { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public List<string>? ScopesToAdd { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public List<string>? ScopesToSuppress { get; init; }
}
