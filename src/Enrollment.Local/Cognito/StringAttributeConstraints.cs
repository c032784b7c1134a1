namespace Enrollment.Local.Cognito;

/// <summary>Length bounds of a String attribute; the cognito-idp model types both as strings.</summary>
public sealed record StringAttributeConstraints
{
    public string? MinLength { get; init; }
    public string? MaxLength { get; init; }
}
