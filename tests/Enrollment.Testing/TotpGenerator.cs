using System.Security.Cryptography;

namespace Enrollment.Testing;

/// <summary>RFC 6238 TOTP (SHA-1, 30 s, 6 digits), for tests that play the authenticator app.</summary>
public static class TotpGenerator
{
    public static string Code(string base32Secret, DateTimeOffset at)
    {
        var key = Base32Decode(base32Secret);
        var counter = at.ToUnixTimeSeconds() / 30;
        Span<byte> message = stackalloc byte[8];
        for (var i = 7; i >= 0; i--) { message[i] = (byte)(counter & 0xff); counter >>= 8; }
        var hash = HMACSHA1.HashData(key, message);
        var offset = hash[^1] & 0x0f;
        var binary = ((hash[offset] & 0x7f) << 24) | (hash[offset + 1] << 16) | (hash[offset + 2] << 8) | hash[offset + 3];
        return (binary % 1_000_000).ToString("D6");
    }

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

    public static byte[] Base32Decode(string text)
    {
        const string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        var clean = text.Trim().TrimEnd('=').ToUpperInvariant();
        var output = new List<byte>();
        int buffer = 0, bits = 0;
        foreach (var ch in clean)
        {
            var value = alphabet.IndexOf(ch);
            if (value < 0) throw new FormatException("Not base32.");
            buffer = (buffer << 5) | value;
            bits += 5;
            if (bits >= 8) { output.Add((byte)(buffer >> (bits - 8))); bits -= 8; }
        }
        return output.ToArray();
    }
}
