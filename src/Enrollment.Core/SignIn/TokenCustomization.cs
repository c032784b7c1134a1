namespace Enrollment.Core.SignIn;

/// <summary>What pre token generation adds to both tokens, and the scopes it takes out of the access token.</summary>
public sealed record TokenCustomization(IReadOnlyDictionary<string, string> Claims, IReadOnlyList<string> ScopesToSuppress, string Reason)
{
    /// <summary>For an app client no tenant claims: tokens stay as Cognito made them.</summary>
    public static TokenCustomization None(string reason) => new(new Dictionary<string, string>(), [], reason);

    public bool EnrollmentOnly => Reason == SignInReasons.TokensEnrollmentOnly;
}
