using System.Globalization;
using System.Text;

namespace Enrollment.Core.Totp;

/// <summary>
/// The one rule for names a person reads (tenant display names, device names, the Key URI label): no control
/// characters (Unicode Cc), no format characters (Cf: bidi overrides and isolates such as U+202E, zero-width
/// joiners, the BOM), no line or paragraph separators, no lone surrogates. Those render as nothing or reorder what
/// follows, so "Acme\u202Egnp.exe" could show as another name. Input is refused; stored text is stripped.
/// </summary>
public static class DisplayNameRule
{
    public const string Requirement = "printable characters only (no control, format or bidi characters)";

    public static bool IsSafe(string text)
    {
        var rest = text.AsSpan();
        while (!rest.IsEmpty)
        {
            if (Rune.DecodeFromUtf16(rest, out var rune, out var consumed) != System.Buffers.OperationStatus.Done) return false;
            if (IsHidden(rune)) return false;
            rest = rest[consumed..];
        }
        return true;
    }

    /// <summary>The text without what the rule forbids (for values stored before the rule, shown in a label).</summary>
    public static string Strip(string text)
    {
        if (IsSafe(text)) return text;
        var sb = new StringBuilder(text.Length);
        var rest = text.AsSpan();
        while (!rest.IsEmpty)
        {
            if (Rune.DecodeFromUtf16(rest, out var rune, out var consumed) == System.Buffers.OperationStatus.Done && !IsHidden(rune))
                sb.Append(rest[..consumed]);
            rest = rest[consumed..];
        }
        return sb.ToString();
    }

    private static bool IsHidden(Rune rune) => Rune.GetUnicodeCategory(rune) is UnicodeCategory.Control or UnicodeCategory.Format
        or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator or UnicodeCategory.Surrogate;
}
