namespace Enrollment.Infrastructure.DynamoDb;

/// <summary>The three DynamoDB tables, named by the stack (read by <see cref="Configuration.EnrollmentSettings"/>).</summary>
public sealed record TableNames(string Audit, string Tenants, string UserState);
