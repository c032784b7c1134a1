using System.Security.Cryptography;

namespace Enrollment.Core.Recovery;

/// <summary>
/// The shape of a one-time recovery code: 10 characters of the RFC 4648 base32 alphabet (50 bits, drawn
/// uniformly from a CSPRNG), shown as XXXXX-XXXXX. What users type is normalized before it is hashed.
/// </summary>
public static class RecoveryCode
{
    public const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
    public const int Length = 10;
    public const int GroupLength = 5;

    /// <summary>Longer input is refused before any work: a code with generous separators is well under it.</summary>
    public const int MaxInputLength = 32;

    /// <summary>A new code in normalized form. GetString picks each character without modulo bias.</summary>
    public static string NewCode() => RandomNumberGenerator.GetString(Alphabet, Length);

    /// <summary>The form shown to the user: two groups of five, easier to read out and type.</summary>
    public static string Display(string normalized) => $"{normalized[..GroupLength]}-{normalized[GroupLength..]}";

    /// <summary>
    /// Upper case without dashes or white space; 0, 1 and 8 are read as O, I and B (they are not in the
    /// alphabet, and people type them for those letters). Null when the input cannot be a code.
    /// </summary>
    public static string? Normalize(string? input)
    {
        if (input is null || input.Length > MaxInputLength) return null;
        Span<char> code = stackalloc char[Length];
        var length = 0;
        foreach (var raw in input)
        {
            if (raw == '-' || char.IsWhiteSpace(raw)) continue;
            if (!char.IsAscii(raw) || length == Length) return null;
            var c = char.ToUpperInvariant(raw) switch
            {
                '0' => 'O',
                '1' => 'I',
                '8' => 'B',
                var other => other,
            };
            if (!Alphabet.Contains(c)) return null;
            code[length++] = c;
        }
        return length == Length ? new string(code) : null;
    }
}
