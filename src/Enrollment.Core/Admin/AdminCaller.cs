using Enrollment.Core.Identity;

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
    /// <summary>
    /// The caller's access token, to read their tenant binding when the token carries no tenant_id claim (the local
    /// stack). Never printed: <see cref="PrintMembers"/> leaves it out.
    /// </summary>
    public string? AccessToken { get; init; }

    private bool PrintMembers(System.Text.StringBuilder builder)
    {
        builder.Append($"Caller = {Caller}, Groups = [{string.Join(", ", Groups)}], EnrollmentOnly = {EnrollmentOnly}");
        return true;
    }

    /// <summary>Cognito group names are case-sensitive.</summary>
    public bool IsInGroup(string groupName) => Groups.Contains(groupName, StringComparer.Ordinal);
}
