using Enrollment.Core.Admin;
using Enrollment.Core.Identity;

namespace Enrollment.Functions.Http;

/// <summary>What the admin routes read from a request besides <see cref="ApiRequest"/>'s common rules: the caller's groups and token kind.</summary>
public static class AdminRequest
{
    /// <summary>The signed-in caller (UNAUTHORIZED without verified claims) with the groups and kind of their token.</summary>
    public static AdminCaller Caller(ApiRequest request)
    {
        var caller = request.SignedInCaller();
        var claims = request.Raw.RequestContext?.Authorizer?.Jwt?.Claims!;
        var groups = CognitoGroupsClaim.Parse(claims.TryGetValue(ClaimNames.CognitoGroups, out var g) ? g : null);
        // The token reads the caller's tenant binding when it has no tenant_id claim (the local stack).
        return new AdminCaller(caller, groups, caller.EnrollmentOnly) { AccessToken = request.Raw.Header("authorization") is null ? null : request.BearerToken() };
    }
}
