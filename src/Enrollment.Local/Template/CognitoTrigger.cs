namespace Enrollment.Local.Template;

/// <summary>A function's Cognito event: the user pool (logical id) and the trigger names (PreTokenGeneration...).</summary>
public sealed record CognitoTrigger(string FunctionLogicalId, string EventName, string UserPoolLogicalId, IReadOnlyList<string> Triggers);
