namespace Enrollment.Core.SignIn;

/// <summary>What pre token generation adds to both tokens, and the scopes it takes out of the access token.</summary>
public sealed record TokenCustomization(IReadOnlyDictionary<string, string> Claims, IReadOnlyList<string> ScopesToSuppress, string Reason)
{
    public bool EnrollmentOnly => Reason == SignInReasons.TokensEnrollmentOnly;
}
