namespace Enrollment.Infrastructure.DynamoDb;

/// <summary>The three DynamoDB tables, named by the stack (template.yaml passes them as environment variables).</summary>
public sealed record TableNames(string Audit, string Tenants, string UserState)
{
    public const string AuditVariable = "AUDIT_TABLE_NAME";
    public const string TenantsVariable = "TENANTS_TABLE_NAME";
    public const string UserStateVariable = "USER_STATE_TABLE_NAME";

    /// <summary>Reads the names once at startup; a missing one fails the cold start, not a user's request.</summary>
    /// <param name="environment">The variables; null reads the process environment (tests pass their own).</param>
    public static TableNames FromEnvironment(Func<string, string?>? environment = null)
    {
        var read = environment ?? Environment.GetEnvironmentVariable;
        return new(Required(read, AuditVariable), Required(read, TenantsVariable), Required(read, UserStateVariable));
    }

    private static string Required(Func<string, string?> read, string variable) =>
        read(variable) is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException($"The environment variable {variable} must name a DynamoDB table.");
}
