namespace Enrollment.Local.Template;

/// <summary>A template parameter as declared, and the value it takes locally (override, else default).</summary>
public sealed record TemplateParameter(
    string Name,
    string Type,
    string? Default,
    IReadOnlyList<string> AllowedValues,
    string? Description,
    double? MinValue,
    double? MaxValue);
