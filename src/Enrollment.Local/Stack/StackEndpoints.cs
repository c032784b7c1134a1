namespace Enrollment.Local.Stack;

/// <summary>The emulator's endpoints, per service (both are the same moto today).</summary>
public sealed record StackEndpoints(string CognitoIdp, string Dynamodb);
