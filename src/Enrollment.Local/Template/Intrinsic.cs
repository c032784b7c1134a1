namespace Enrollment.Local.Template;

/// <summary>
/// A CloudFormation intrinsic function in the raw template tree, from either the short form (<c>!Sub x</c>)
/// or the long form (<c>{"Fn::Sub": x}</c>). <see cref="Name"/> is the long name: Ref, Condition, Fn::Sub...
/// </summary>
public sealed record Intrinsic(string Name, object? Argument);
