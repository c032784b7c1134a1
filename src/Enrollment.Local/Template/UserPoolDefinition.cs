namespace Enrollment.Local.Template;

/// <summary>
/// An AWS::Cognito::UserPool: <see cref="MfaConfiguration"/> is OFF, OPTIONAL or ON after parameters are applied;
/// <see cref="PoolId"/> is what <c>!Ref</c> gives here. <see cref="Properties"/> holds the rest, resolved.
/// </summary>
public sealed record UserPoolDefinition(
    string LogicalId,
    string PoolId,
    string? PoolName,
    string MfaConfiguration,
    IReadOnlyList<string> EnabledMfas,
    IReadOnlyDictionary<string, object?> Properties);
