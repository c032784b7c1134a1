namespace Enrollment.Core.Identity;

/// <summary>
/// The shape of a Cognito app client id, checked wherever one enters: a session-route body, a tenant policy, a
/// lookup by a token's client_id. botocore's cognito-idp model: ClientIdType, 1-128 characters, pattern
/// <c>[\w+]+</c>. We accept ASCII letters, digits and '_' of that, and also '-': no AWS client id holds one
/// (they are 26 lowercase letters and digits), but the sample events and tests use readable ids such as
/// <c>demo-client-id</c>, and moto accepts them. '+' is refused: no client id AWS issues has one.
/// </summary>
public static class AppClientId
{
    public const int MaxLength = 128;

    /// <summary>For messages: what <see cref="IsValid"/> accepts.</summary>
    public const string Requirement = "1-128 letters, digits, '-', '_'";

    public static bool IsValid(string? id) =>
        !string.IsNullOrEmpty(id) && id.Length <= MaxLength && id.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');
}
