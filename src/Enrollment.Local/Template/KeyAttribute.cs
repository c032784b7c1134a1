namespace Enrollment.Local.Template;

/// <summary>A key attribute of a table or index: its name and DynamoDB type (S, N or B).</summary>
public sealed record KeyAttribute(string Name, string AttributeType);
