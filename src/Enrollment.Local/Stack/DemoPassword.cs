using System.Security.Cryptography;
using System.Text;

namespace Enrollment.Local.Stack;

/// <summary>
/// Random passwords for the demo users that satisfy the pool's policy whatever it requires: groups of four
/// letters and digits joined by '-' (a symbol Cognito counts, and one a shell does not need quoted).
/// </summary>
public static class DemoPassword
{
    private const string Upper = "ABCDEFGHJKLMNPQRSTUVWXYZ";
    private const string Lower = "abcdefghijkmnpqrstuvwxyz";
    private const string Digits = "23456789";
    private const string All = Upper + Lower + Digits;

    public static string Generate(PasswordRules rules)
    {
        var length = Math.Max(rules.MinimumLength, 16);
        var groups = (length + 5) / 5; // "xxxx-" per group
        var builder = new StringBuilder(groups * 5);
        for (var g = 0; g < groups; g++)
        {
            if (g > 0) builder.Append('-');
            for (var i = 0; i < 4; i++) builder.Append(All[RandomNumberGenerator.GetInt32(All.Length)]);
        }
        // One of each class at fixed places, so no policy can refuse it.
        builder[0] = Upper[RandomNumberGenerator.GetInt32(Upper.Length)];
        builder[1] = Lower[RandomNumberGenerator.GetInt32(Lower.Length)];
        builder[2] = Digits[RandomNumberGenerator.GetInt32(Digits.Length)];
        return builder.ToString();
    }
}
