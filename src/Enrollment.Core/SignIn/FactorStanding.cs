using Enrollment.Core.Totp;

namespace Enrollment.Core.SignIn;

/// <summary>
/// The user's software token as Cognito holds it, beside our enrollment record (metadata: device, time, policy).
/// Cognito is the source of truth: a record without a factor is not enrolled; a factor without a record was set
/// up around the policy and counts only where the tenant's <c>mfa.acceptFactorsOutsidePolicy</c> says so.
/// </summary>
public sealed record FactorStanding(bool CognitoHasFactor, EnrollmentRecord? Record, bool AcceptsFactorsOutsidePolicy)
{
    /// <summary>For a user Cognito does not know: no factor, no record, nothing read.</summary>
    public static readonly FactorStanding None = new(false, null, false);

    public bool Enrolled => CognitoHasFactor && (Record is not null || AcceptsFactorsOutsidePolicy);

    /// <summary>What disagrees between Cognito and our record, for its own audit event; null when they agree.</summary>
    public string? Finding =>
        CognitoHasFactor && Record is null ? SignInReasons.FactorOutsidePolicy
        : !CognitoHasFactor && Record is not null ? SignInReasons.FactorRemovedOutsideApi
        : null;
}
