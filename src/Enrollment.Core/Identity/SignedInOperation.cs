namespace Enrollment.Core.Identity;

/// <summary>What a route with an access token does, as far as the kind of token matters (see <see cref="EnrollmentOnlyTokens"/>).</summary>
public enum SignedInOperation
{
    Associate,
    Verify,
    Status,
    Disable,
    RecoveryCodes,
    Admin,
}
