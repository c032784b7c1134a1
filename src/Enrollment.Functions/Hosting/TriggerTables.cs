namespace Enrollment.Functions.Hosting;

/// <summary>The DynamoDB tables the triggers use, named by the stack through the same variables as the HTTP functions.</summary>
public sealed record TriggerTables(string Audit, string Tenants, string UserState)
{
    public const string AuditVariable = "AUDIT_TABLE_NAME";
    public const string TenantsVariable = "TENANTS_TABLE_NAME";
    public const string UserStateVariable = "USER_STATE_TABLE_NAME";

    /// <summary>A missing name fails the cold start, not a user's sign-in halfway.</summary>
    public static TriggerTables FromEnvironment(Func<string, string?> env) => new(
        Required(env, AuditVariable),
        Required(env, TenantsVariable),
        Required(env, UserStateVariable));

    private static string Required(Func<string, string?> env, string variable) =>
        env(variable) is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException($"The environment variable {variable} must name a DynamoDB table.");
}
