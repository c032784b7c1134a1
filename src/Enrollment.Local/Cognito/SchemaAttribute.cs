namespace Enrollment.Local.Cognito;

/// <summary>A user pool attribute (SchemaAttributeType in the cognito-idp model): custom attributes are named without "custom:".</summary>
public sealed record SchemaAttribute
{
    public required string Name { get; init; }

    /// <summary>String, Number, DateTime or Boolean.</summary>
    public required string AttributeDataType { get; init; }

    /// <summary>False: the value is set when the user is created and can never change.</summary>
    public bool? Mutable { get; init; }

    public bool? Required { get; init; }

    public StringAttributeConstraints? StringAttributeConstraints { get; init; }
}
