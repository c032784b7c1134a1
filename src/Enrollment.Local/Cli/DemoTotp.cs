using System.Globalization;
using System.Security.Cryptography;

namespace Enrollment.Local.Cli;

/// <summary>
/// RFC 6238 TOTP with the Key URI's parameters (SHA-1, 6 digits, 30 s): what an authenticator app shows. Used by
/// `demo --non-interactive` in place of the person reading their phone.
/// </summary>
public static class DemoTotp
{
    public const int StepSeconds = 30;

    public static string Code(string base32Secret, DateTimeOffset at)
    {
        var key = Base32(base32Secret);
        var counter = at.ToUnixTimeSeconds() / StepSeconds;
        Span<byte> message = stackalloc byte[8];
        for (var i = 7; i >= 0; i--) { message[i] = (byte)(counter & 0xff); counter >>= 8; }
        var hash = HMACSHA1.HashData(key, message);
        var offset = hash[^1] & 0x0f;
        var binary = ((hash[offset] & 0x7f) << 24) | (hash[offset + 1] << 16) | (hash[offset + 2] << 8) | hash[offset + 3];
        return (binary % 1_000_000).ToString("D6", CultureInfo.InvariantCulture);
    }

    private static byte[] Base32(string text)
    {
        const string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        var output = new List<byte>(text.Length * 5 / 8);
        int buffer = 0, bits = 0;
        foreach (var ch in text.Trim().TrimEnd('=').ToUpperInvariant())
        {
            var value = alphabet.IndexOf(ch);
            if (value < 0) throw new FormatException("The secret is not base32.");
            buffer = (buffer << 5) | value;
            bits += 5;
            if (bits >= 8) { output.Add((byte)(buffer >> (bits - 8))); bits -= 8; }
        }
        return output.ToArray();
    }
}
