using Enrollment.Core.Errors;
using Enrollment.Core.SignIn;
using Enrollment.Core.UserPool;
using Enrollment.Infrastructure.Cognito.Model;

namespace Enrollment.Infrastructure.Cognito;

/// <summary>
/// The <see cref="ISignInUserPool"/> port for the sign-in triggers: AdminGetUser and AdminUserGlobalSignOut
/// (IAM-signed) on the pool the trigger event names. Wire shapes from botocore's cognito-idp model: AdminGetUser
/// answers <c>UserMFASettingList</c>, a list of strings such as SOFTWARE_TOKEN_MFA. Every failure, the user pool's
/// or the transport's (a short attempt timeout: Cognito gives a trigger 5 s), becomes one fixed
/// UPSTREAM_ERROR, so the triggers fail closed and no message quotes Cognito's answer.
/// </summary>
public sealed class CognitoSignInUserPool(CognitoIdentityProviderClient client) : ISignInUserPool
{
    public async Task<bool> HasSoftwareTokenAsync(string userPoolId, string username, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(userPoolId);
        ArgumentException.ThrowIfNullOrEmpty(username);
        try
        {
            var user = await client.AdminGetUserAsync(new AdminGetUserRequest { UserPoolId = userPoolId, Username = username }, cancellationToken).ConfigureAwait(false);
            return user.UserMFASettingList?.Contains(ChallengeNames.SoftwareTokenMfa, StringComparer.Ordinal) == true;
        }
        catch (Exception failure) when (CognitoErrorMap.CanMap(failure))
        {
            throw UserPoolFailures.SignInLookupFailed();
        }
    }

    public async Task SignOutEverywhereAsync(string userPoolId, string username, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(userPoolId);
        ArgumentException.ThrowIfNullOrEmpty(username);
        try
        {
            await client.AdminUserGlobalSignOutAsync(new AdminUserGlobalSignOutRequest { UserPoolId = userPoolId, Username = username }, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception failure) when (CognitoErrorMap.CanMap(failure))
        {
            throw UserPoolFailures.SignInLookupFailed();
        }
    }
}
