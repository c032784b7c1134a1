namespace Enrollment.Core.Identity;

/// <summary>
/// How claim values are written and read. Every claim reaches a function as a string: the pre token generation
/// trigger can only add string claims (claimsToAddOrOverride), and API Gateway's JWT authorizer (payload 2.0) renders
/// every claim as text, a boolean as "true"/"false", a number as its digits and an array as "[a b]". So a boolean
/// claim is the text "true" or "false", and this is its one parser.
/// </summary>
public static class ClaimValues
{
    public const string True = "true";
    public const string False = "false";

    /// <summary>The access token's <see cref="ClaimNames.TokenUse"/>.</summary>
    public const string AccessTokenUse = "access";

    public static string Of(bool value) => value ? True : False;

    /// <summary>
    /// Whether a boolean claim is true. A claim that restricts the caller (mfa_enrollment_only) counts any spelling
    /// of true, since refusing too much is the safe side; a claim that grants something (mfa_enrollment_required)
    /// counts only "true" exactly as our trigger writes it.
    /// </summary>
    public static bool IsTrue(string? value, bool restricts) =>
        string.Equals(value, True, restricts ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal);
}
