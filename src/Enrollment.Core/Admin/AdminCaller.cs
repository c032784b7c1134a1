using Enrollment.Core.Enrollment;

namespace Enrollment.Core.Admin;

/// <summary>
/// A signed-in caller of the admin routes, as the JWT authorizer saw the access token: who (<see cref="Caller"/>),
/// the Cognito groups the token lists, and whether the token is good for enrollment only.
/// </summary>
/// <param name="EnrollmentOnly">
/// The token's mfa_enrollment_only claim was "true": the sign-in triggers issue such tokens to a user who must enroll
/// now (or just used a recovery code), and every API but enrollment must refuse them.
/// </param>
public sealed record AdminCaller(CallerContext Caller, IReadOnlyList<string> Groups, bool EnrollmentOnly)
{
    /// <summary>Cognito group names are case-sensitive.</summary>
    public bool IsInGroup(string groupName) => Groups.Contains(groupName, StringComparer.Ordinal);
}
