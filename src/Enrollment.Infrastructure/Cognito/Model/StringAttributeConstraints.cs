namespace Enrollment.Infrastructure.Cognito.Model;

/// <summary>Length bounds of a String attribute; the cognito-idp model types both as strings.</summary>
public sealed record StringAttributeConstraints
{
    public string? MinLength { get; init; }
    public string? MaxLength { get; init; }
}
