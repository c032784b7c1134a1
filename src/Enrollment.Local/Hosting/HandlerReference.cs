namespace Enrollment.Local.Hosting;

/// <summary>A .NET Lambda handler string, <c>Assembly::Namespace.Type::Method</c>, split into its parts.</summary>
public sealed record HandlerReference(string AssemblyName, string TypeName, string MethodName)
{
    public static HandlerReference Parse(string handler, string? functionLogicalId = null)
    {
        var parts = handler.Split("::");
        if (parts.Length != 3 || parts.Any(p => p.Length == 0 || p.Trim() != p))
        {
            var owner = functionLogicalId is null ? "" : $" of {functionLogicalId}";
            throw new HandlerResolutionException(
                $"Handler '{handler}'{owner} is not of the form Assembly::Namespace.Type::Method.");
        }
        return new HandlerReference(parts[0], parts[1], parts[2]);
    }

    public override string ToString() => $"{AssemblyName}::{TypeName}::{MethodName}";
}
