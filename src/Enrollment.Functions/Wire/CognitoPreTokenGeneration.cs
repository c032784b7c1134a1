using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace Enrollment.Functions.Wire;

/// <summary>
/// TokenGeneration_* with trigger event version 2 or 3 (LambdaVersion V2_0; V3_0 sends the same user events). Only
/// what the function uses is read: <c>request.groupConfiguration</c> (AWS's own Developer Guide test event has
/// <c>preferredRole</c> as a list) and <c>response</c> (prefilled responses may hold numeric or JSON claims, or
/// <c>claimsAndScopeOverrideDetails: []</c>) are never parsed, so neither can fail a sign-in.
/// </summary>
public sealed record PreTokenGenerationV2Event : CognitoTriggerEvent
{
    public PreTokenGenerationV2Request? Request { get; init; }
}

public sealed record PreTokenGenerationV2Request
{
    public Dictionary<string, string>? UserAttributes { get; init; }

    /// <summary>The scopes the access token would carry (InitiateAuth: only aws.cognito.signin.user.admin).</summary>
    public List<string>? Scopes { get; init; }
}

/// <summary>What the function writes as <c>response</c>: its <c>claimsAndScopeOverrideDetails</c> replaces whatever was there.</summary>
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

    /// <summary>
    /// The request's <c>groupConfiguration</c>, copied as Cognito sent it. The Developer Guide (pre token generation,
    /// response parameters): the function's object replaces the group configuration, an empty or null one suppresses
    /// the groups, and copying the request's <c>groupConfiguration</c> keeps <c>cognito:groups</c> as it is. The admin
    /// routes depend on that claim, so it survives by construction rather than by an omission's default.
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public JsonNode? GroupOverrideDetails { get; init; }
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
