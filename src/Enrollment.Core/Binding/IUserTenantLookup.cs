namespace Enrollment.Core.Binding;

/// <summary>
/// The signed-in user as the user pool describes them to their own access token (GetUser): no IAM, and the
/// answer is about the token's user only. Used where a token carries no tenant_id claim (the local stack, where
/// moto runs no pre token generation trigger). Throws an <see cref="Errors.EnrollmentException"/> (UNAUTHORIZED
/// for a revoked or expired token).
/// </summary>
public interface IUserTenantLookup
{
    Task<UserBinding> GetSignedInUserAsync(string accessToken, CancellationToken cancellationToken);
}
