using System.Text.Json;
using Enrollment.Core.Admin;

namespace Enrollment.Functions.Http;

/// <summary>What the admin routes read from a request besides <see cref="ApiRequest"/>'s common rules: the caller's groups and token kind.</summary>
public static class AdminRequest
{
    /// <summary>Set to "true" by the pre token generation trigger on tokens that are good for enrollment only.</summary>
    public const string EnrollmentOnlyClaim = "mfa_enrollment_only";

    /// <summary>The signed-in caller (UNAUTHORIZED without verified claims) with the groups and kind of their token.</summary>
    public static AdminCaller Caller(ApiRequest request)
    {
        var caller = request.SignedInCaller();
        var claims = request.Raw.RequestContext?.Authorizer?.Jwt?.Claims!;
        var groups = CognitoGroupsClaim.Parse(claims.TryGetValue(CognitoGroupsClaim.Name, out var g) ? g : null);
        var enrollmentOnly = claims.TryGetValue(EnrollmentOnlyClaim, out var e)
            && (e.ValueKind == JsonValueKind.True || (e.ValueKind == JsonValueKind.String && string.Equals(e.GetString(), "true", StringComparison.OrdinalIgnoreCase)));
        // The token reads the caller's tenant binding when it has no tenant_id claim (the local stack).
        return new AdminCaller(caller, groups, enrollmentOnly) { AccessToken = request.Raw.Header("authorization") is null ? null : request.BearerToken() };
    }
}
