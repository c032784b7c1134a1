using Enrollment.Local.Cli;

namespace Enrollment.Testing;

/// <summary>RFC 6238 TOTP codes (SHA-1, 30 s, 6 digits), for tests that play the authenticator app against moto.</summary>
public static class TotpGenerator
{
    /// <summary>The code an authenticator app shows: the local runner's demo computes it for its non-interactive run.</summary>
    public static string Code(string base32Secret, DateTimeOffset at) => DemoTotp.Code(base32Secret, at);

    /// <summary>A code for now, after waiting out the last seconds of a step (moto checks the current step only).</summary>
    public static async Task<string> FreshCodeAsync(string base32Secret)
    {
        var now = DateTimeOffset.UtcNow;
        var intoStep = now.ToUnixTimeSeconds() % 30;
        if (intoStep >= 26) await Task.Delay(TimeSpan.FromSeconds(31 - intoStep));
        return Code(base32Secret, DateTimeOffset.UtcNow);
    }

    /// <summary>A 6-digit code that is certainly not the current one.</summary>
    public static string WrongCode(string base32Secret)
    {
        var now = DateTimeOffset.UtcNow;
        var bad = new HashSet<string> { Code(base32Secret, now.AddSeconds(-30)), Code(base32Secret, now), Code(base32Secret, now.AddSeconds(30)) };
        for (var i = 0; ; i++)
        {
            var candidate = (123456 + i * 7919 % 1_000_000).ToString("D6");
            if (!bad.Contains(candidate)) return candidate;
        }
    }
}
