namespace Enrollment.Infrastructure.Cognito.Model;

/// <summary>AttributeType. The value (email, phone...) is personal data, so ToString shows the name only.</summary>
public sealed record UserAttribute
{
    public string? Name { get; init; }
    public string? Value { get; init; }

    public override string ToString() => $"UserAttribute {{ Name = {Name} }}";
}
