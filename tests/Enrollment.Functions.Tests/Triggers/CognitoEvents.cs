using System.Text.Json.Nodes;
using Enrollment.Testing;

namespace Enrollment.Functions.Tests.Triggers;

/// <summary>
/// Trigger events as Cognito sends them: the envelope, the request, and a response whose members are explicit nulls.
/// </summary>
public static class CognitoEvents
{
    public const string UserPoolId = SignInWorld.UserPoolId;

    public static JsonObject Define(string username, JsonArray session, IReadOnlyDictionary<string, string>? clientMetadata, bool userNotFound,
        string clientId = SignInWorld.DemoClient, string? tenant = "demo") =>
        Envelope("DefineAuthChallenge_Authentication", "1", username, clientId,
            new JsonObject
            {
                ["userAttributes"] = Attributes(username, userNotFound, tenant),
                ["session"] = session.DeepClone(),
                ["clientMetadata"] = Metadata(clientMetadata),
                ["userNotFound"] = userNotFound,
            },
            new JsonObject { ["challengeName"] = null, ["issueTokens"] = null, ["failAuthentication"] = null });

    public static JsonObject Create(string username, JsonArray session, IReadOnlyDictionary<string, string>? clientMetadata, bool userNotFound,
        string clientId = SignInWorld.DemoClient, string? tenant = "demo") =>
        Envelope("CreateAuthChallenge_Authentication", "1", username, clientId,
            new JsonObject
            {
                ["userAttributes"] = Attributes(username, userNotFound, tenant),
                ["challengeName"] = "CUSTOM_CHALLENGE",
                ["session"] = session.DeepClone(),
                ["clientMetadata"] = Metadata(clientMetadata),
                ["userNotFound"] = userNotFound,
            },
            new JsonObject { ["publicChallengeParameters"] = null, ["privateChallengeParameters"] = null, ["challengeMetadata"] = null });

    public static JsonObject Verify(string username, JsonNode? privateParameters, string? answer, IReadOnlyDictionary<string, string>? clientMetadata,
        bool userNotFound, string clientId = SignInWorld.DemoClient, string? tenant = "demo") =>
        Envelope("VerifyAuthChallengeResponse_Authentication", "1", username, clientId,
            new JsonObject
            {
                ["userAttributes"] = Attributes(username, userNotFound, tenant),
                ["privateChallengeParameters"] = privateParameters?.DeepClone(),
                ["challengeAnswer"] = answer,
                ["clientMetadata"] = Metadata(clientMetadata),
                ["userNotFound"] = userNotFound,
            },
            new JsonObject { ["answerCorrect"] = null });

    public static JsonObject PreToken(string username, IEnumerable<string> scopes, string triggerSource = "TokenGeneration_Authentication",
        string clientId = SignInWorld.DemoClient, string version = "2", string? tenant = "demo") =>
        Envelope(triggerSource, version, username, clientId,
            new JsonObject
            {
                ["userAttributes"] = Attributes(username, userNotFound: false, tenant),
                ["groupConfiguration"] = new JsonObject { ["groupsToOverride"] = new JsonArray(), ["iamRolesToOverride"] = new JsonArray(), ["preferredRole"] = null },
                ["scopes"] = new JsonArray(scopes.Select(s => (JsonNode)s!).ToArray()),
            },
            new JsonObject { ["claimsAndScopeOverrideDetails"] = null });

    public static JsonObject SessionEntry(string name, bool result, string? metadata = null) =>
        new() { ["challengeName"] = name, ["challengeResult"] = result, ["challengeMetadata"] = metadata };

    private static JsonObject Envelope(string triggerSource, string version, string username, string clientId, JsonObject request, JsonObject response) => new()
    {
        ["version"] = version,
        ["triggerSource"] = triggerSource,
        ["region"] = "us-east-1",
        ["userPoolId"] = UserPoolId,
        ["userName"] = username,
        ["callerContext"] = new JsonObject { ["awsSdkVersion"] = "aws-sdk-android-2.77.0", ["clientId"] = clientId },
        ["request"] = request,
        ["response"] = response,
    };

    /// <summary>An existing user's attributes: the sub and, unless <paramref name="tenant"/> is null, the binding custom:tenant_id.</summary>
    private static JsonObject Attributes(string username, bool userNotFound, string? tenant)
    {
        if (userNotFound) return [];
        var attributes = new JsonObject { ["sub"] = SignInWorld.Sub(username), ["cognito:user_status"] = "CONFIRMED", ["email"] = $"{username}@example.com" };
        if (tenant is not null) attributes["custom:tenant_id"] = tenant;
        return attributes;
    }

    private static JsonNode? Metadata(IReadOnlyDictionary<string, string>? clientMetadata) =>
        clientMetadata is null ? null : new JsonObject(clientMetadata.Select(kv => KeyValuePair.Create(kv.Key, (JsonNode?)kv.Value)));
}
