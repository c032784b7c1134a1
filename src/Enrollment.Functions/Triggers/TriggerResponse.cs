using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;

namespace Enrollment.Functions.Triggers;

/// <summary>Fills in the <c>response</c> of a Cognito event that goes back whole.</summary>
public static class TriggerResponse
{
    /// <summary>
    /// Writes each member of <paramref name="response"/> (nulls included, as Cognito writes them) into the event's
    /// <c>response</c> object, creating it when Cognito sent null; members Cognito sent that the type does not name stay.
    /// </summary>
    public static void Set<TResponse>(JsonObject root, TResponse response, JsonTypeInfo<TResponse> typeInfo)
    {
        if (root["response"] is not JsonObject target)
        {
            target = [];
            root["response"] = target;
        }
        var members = JsonSerializer.SerializeToNode(response, typeInfo)!.AsObject();
        foreach (var name in members.Select(m => m.Key).ToList())
        {
            var value = members[name];
            members.Remove(name);
            target[name] = value;
        }
    }
}
