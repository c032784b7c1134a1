using System.Globalization;
using Enrollment.Local.Cognito;
using Enrollment.Local.Template;

namespace Enrollment.Local.Stack;

/// <summary>The user pool's password policy as template.yaml declares it (Cognito's defaults where it is silent).</summary>
public sealed record PasswordRules(int MinimumLength, bool RequireLowercase, bool RequireUppercase, bool RequireNumbers, bool RequireSymbols, int? TemporaryPasswordValidityDays)
{
    /// <summary>Cognito's default policy: 8 characters, all four classes.</summary>
    public static PasswordRules CognitoDefault { get; } = new(8, true, true, true, true, null);

    public static PasswordRules FromTemplate(UserPoolDefinition pool)
    {
        if (pool.Properties.GetValueOrDefault("Policies") is not Dictionary<string, object?> policies
            || policies.GetValueOrDefault("PasswordPolicy") is not Dictionary<string, object?> p) return CognitoDefault;
        var d = CognitoDefault;
        return new PasswordRules(
            Int(p.GetValueOrDefault("MinimumLength")) ?? d.MinimumLength,
            Bool(p.GetValueOrDefault("RequireLowercase")) ?? d.RequireLowercase,
            Bool(p.GetValueOrDefault("RequireUppercase")) ?? d.RequireUppercase,
            Bool(p.GetValueOrDefault("RequireNumbers")) ?? d.RequireNumbers,
            Bool(p.GetValueOrDefault("RequireSymbols")) ?? d.RequireSymbols,
            Int(p.GetValueOrDefault("TemporaryPasswordValidityDays")));
    }

    public PasswordPolicy ToCognito() => new()
    {
        MinimumLength = MinimumLength,
        RequireLowercase = RequireLowercase,
        RequireUppercase = RequireUppercase,
        RequireNumbers = RequireNumbers,
        RequireSymbols = RequireSymbols,
        TemporaryPasswordValidityDays = TemporaryPasswordValidityDays,
    };

    // Resolved template scalars are text ("12", "true").
    private static int? Int(object? value) =>
        value is string s && int.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) ? n : null;

    private static bool? Bool(object? value) => value switch
    {
        bool b => b,
        string s when bool.TryParse(s, out var parsed) => parsed,
        _ => null,
    };
}
