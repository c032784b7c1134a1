namespace Enrollment.Local.Cognito;

/// <summary>The parts of UserPoolClientType we read.</summary>
public sealed record UserPoolClientDescription
{
    public string? UserPoolId { get; init; }
    public string? ClientName { get; init; }
    public string? ClientId { get; init; }
    public string? ClientSecret { get; init; }
    public IReadOnlyList<string>? ExplicitAuthFlows { get; init; }

    public override string ToString() =>
        $"UserPoolClientDescription {{ UserPoolId = {UserPoolId}, ClientName = {ClientName}, ClientId = {ClientId}, HasSecret = {ClientSecret is not null} }}";
}
