using Enrollment.Local.Cognito;
using Enrollment.Local.Template;

namespace Enrollment.Local.Stack;

/// <summary>
/// What `up` copies from the template's pool and app client besides MFA and passwords: the attribute schema (the
/// immutable custom:tenant_id), the username case rule, admin-only sign-up, and each client's read and write
/// attributes. moto stores all of it but enforces none (it matches usernames case-sensitively, lets a user write any
/// attribute, and lets anyone sign up): the deployed pool enforces them; the template tests prove they are declared.
/// </summary>
public static class PoolShape
{
    public static IReadOnlyList<SchemaAttribute>? Schema(UserPoolDefinition pool)
    {
        if (pool.Properties.GetValueOrDefault("Schema") is not List<object?> list) return null;
        return list.OfType<Dictionary<string, object?>>().Select(a =>
        {
            var strings = a.GetValueOrDefault("StringAttributeConstraints") as Dictionary<string, object?>;
            return new SchemaAttribute
            {
                Name = a.GetValueOrDefault("Name") as string ?? throw new InvalidOperationException("A Schema attribute of the template's pool has no Name."),
                AttributeDataType = a.GetValueOrDefault("AttributeDataType") as string ?? "String",
                Mutable = Bool(a.GetValueOrDefault("Mutable")),
                Required = Bool(a.GetValueOrDefault("Required")),
                StringAttributeConstraints = strings is null ? null : new StringAttributeConstraints
                {
                    MinLength = strings.GetValueOrDefault("MinLength") as string,
                    MaxLength = strings.GetValueOrDefault("MaxLength") as string,
                },
            };
        }).ToList();
    }

    public static UsernameConfiguration? Usernames(UserPoolDefinition pool) =>
        pool.Properties.GetValueOrDefault("UsernameConfiguration") is Dictionary<string, object?> config
        && Bool(config.GetValueOrDefault("CaseSensitive")) is { } caseSensitive
            ? new UsernameConfiguration { CaseSensitive = caseSensitive }
            : null;

    public static AdminCreateUserConfig? AdminCreateUser(UserPoolDefinition pool) =>
        pool.Properties.GetValueOrDefault("AdminCreateUserConfig") is Dictionary<string, object?> config
            ? new AdminCreateUserConfig { AllowAdminCreateUserOnly = Bool(config.GetValueOrDefault("AllowAdminCreateUserOnly")) }
            : null;

    public static IReadOnlyList<string>? Attributes(UserPoolClientDefinition? client, string property) =>
        client?.Properties.GetValueOrDefault(property) is List<object?> list ? list.OfType<string>().ToList() : null;

    private static bool? Bool(object? value) => value switch
    {
        bool b => b,
        string s when bool.TryParse(s, out var b) => b,
        _ => null,
    };
}
