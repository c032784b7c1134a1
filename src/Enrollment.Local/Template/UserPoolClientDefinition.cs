namespace Enrollment.Local.Template;

/// <summary>An AWS::Cognito::UserPoolClient: its pool (logical id), auth flows and whether it has a secret.</summary>
public sealed record UserPoolClientDefinition(
    string LogicalId,
    string ClientId,
    string? UserPoolLogicalId,
    string? ClientName,
    IReadOnlyList<string> ExplicitAuthFlows,
    bool GenerateSecret,
    IReadOnlyDictionary<string, object?> Properties);
