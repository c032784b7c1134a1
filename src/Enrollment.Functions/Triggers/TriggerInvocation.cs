using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;
using Enrollment.Core.Binding;
using Enrollment.Core.Errors;
using Enrollment.Core.SignIn;
using Enrollment.Functions.Wire;

namespace Enrollment.Functions.Triggers;

/// <summary>
/// One trigger event: the JSON Cognito sent (which goes back whole, with <c>response</c> filled in), its typed
/// view, our request id, and what the log line reports about the outcome.
/// </summary>
public sealed class TriggerInvocation<TEvent>(JsonObject root, TEvent triggerEvent, string requestId) where TEvent : CognitoTriggerEvent
{
    public JsonObject Root { get; } = root;
    public TEvent Event { get; } = triggerEvent;
    public string RequestId { get; } = requestId;
    public string? Decision { get; private set; }
    public string? Reason { get; private set; }

    public void Report(string decision, string? reason)
    {
        Decision = decision;
        Reason = reason;
    }

    /// <summary>A template wiring the function to the wrong trigger must not half-work.</summary>
    public void RequireTriggerSource(Func<string?, bool> expected, string description)
    {
        if (!expected(Event.TriggerSource))
            throw EnrollmentException.Invalid($"This function handles {description} events only.", "triggerSource");
    }

    public SignInAttempt Attempt(List<CognitoChallengeResult>? session, Dictionary<string, string>? clientMetadata,
        bool? userNotFound, Dictionary<string, string>? userAttributes)
    {
        var clientId = Event.CallerContext?.ClientId;
        var username = Event.UserName;
        if (string.IsNullOrEmpty(clientId) || string.IsNullOrEmpty(username))
            throw EnrollmentException.Invalid("The event has no userName or callerContext.clientId.");
        return new SignInAttempt
        {
            RequestId = RequestId,
            ClientId = clientId,
            Username = username,
            UserPoolId = Event.UserPoolId ?? "",
            UserSub = Attribute(userAttributes, "sub"),
            TenantBinding = Attribute(userAttributes, TenantBinding.Attribute),
            Session = session?.Select(e => new SessionEntry(e.ChallengeName ?? "", e.ChallengeResult ?? false, e.ChallengeMetadata)).ToList() ?? [],
            Mode = SignInModes.FromClientMetadata(clientMetadata),
            UserNotFound = userNotFound ?? false,
        };
    }

    private static string? Attribute(Dictionary<string, string>? attributes, string name) =>
        attributes is not null && attributes.TryGetValue(name, out var value) && !string.IsNullOrEmpty(value) ? value : null;

    /// <summary>Writes the members of <paramref name="response"/> into the event's <c>response</c>, keeping members Cognito sent that it does not name.</summary>
    public void SetResponse<TResponse>(TResponse response, JsonTypeInfo<TResponse> typeInfo) => TriggerResponse.Set(Root, response, typeInfo);
}
