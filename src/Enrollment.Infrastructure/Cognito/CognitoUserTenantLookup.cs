using Enrollment.Core.Errors;
using Enrollment.Core.Binding;
using Enrollment.Infrastructure.Cognito.Model;

namespace Enrollment.Infrastructure.Cognito;

/// <summary>
/// The <see cref="IUserTenantLookup"/> port: GetUser with the caller's own access token (no IAM). GetUser returns every
/// attribute the token may read, custom:tenant_id included (template.yaml lists it in each client's ReadAttributes).
/// </summary>
public sealed class CognitoUserTenantLookup(CognitoIdentityProviderClient client) : IUserTenantLookup
{
    public async Task<UserBinding> GetSignedInUserAsync(string accessToken, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(accessToken);
        GetUserResponse response;
        try
        {
            response = await client.GetUserAsync(new GetUserRequest { AccessToken = accessToken }, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception failure) when (CognitoErrorMap.CanMap(failure))
        {
            throw CognitoErrorMap.ToEnrollmentException(failure);
        }
        return UserBindings.From(response.Username, response.UserAttributes) ?? throw UserPoolFailures.Upstream();
    }
}
