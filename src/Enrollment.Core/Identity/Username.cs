using System.Globalization;
using System.Text;

namespace Enrollment.Core.Identity;

/// <summary>
/// The shape of a Cognito username, checked wherever one enters from a request (a session-route or recovery body,
/// an admin path or query): botocore's cognito-idp model, UsernameType, 1-128 characters, pattern
/// <c>[\p{L}\p{M}\p{S}\p{N}\p{P}]+</c>: letters, marks, symbols, numbers and punctuation only. So no whitespace,
/// no control characters and no format characters (bidi overrides, zero-width joiners): a username can be shown
/// and logged as it is. Cognito itself refuses anything else, so nothing that could name a user is refused here.
/// </summary>
public static class Username
{
    /// <summary>UsernameType's max, in UTF-16 code units as the service counts them.</summary>
    public const int MaxLength = 128;

    /// <summary>For messages: what <see cref="IsValid"/> accepts.</summary>
    public const string Requirement = "1-128 letters, digits, symbols or punctuation (no spaces, control or format characters)";

    public static bool IsValid(string? text)
    {
        if (string.IsNullOrEmpty(text) || text.Length > MaxLength) return false;
        var rest = text.AsSpan();
        while (!rest.IsEmpty)
        {
            if (Rune.DecodeFromUtf16(rest, out var rune, out var consumed) != System.Buffers.OperationStatus.Done || !IsAllowed(rune)) return false;
            rest = rest[consumed..];
        }
        return true;
    }

    private static bool IsAllowed(Rune rune) => Rune.GetUnicodeCategory(rune) switch
    {
        UnicodeCategory.UppercaseLetter or UnicodeCategory.LowercaseLetter or UnicodeCategory.TitlecaseLetter
            or UnicodeCategory.ModifierLetter or UnicodeCategory.OtherLetter => true,
        UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark or UnicodeCategory.EnclosingMark => true,
        UnicodeCategory.MathSymbol or UnicodeCategory.CurrencySymbol or UnicodeCategory.ModifierSymbol or UnicodeCategory.OtherSymbol => true,
        UnicodeCategory.DecimalDigitNumber or UnicodeCategory.LetterNumber or UnicodeCategory.OtherNumber => true,
        UnicodeCategory.ConnectorPunctuation or UnicodeCategory.DashPunctuation or UnicodeCategory.OpenPunctuation
            or UnicodeCategory.ClosePunctuation or UnicodeCategory.InitialQuotePunctuation or UnicodeCategory.FinalQuotePunctuation
            or UnicodeCategory.OtherPunctuation => true,
        _ => false,
    };
}
