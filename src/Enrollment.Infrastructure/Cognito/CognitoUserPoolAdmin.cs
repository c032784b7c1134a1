using Enrollment.Core.Binding;
using Enrollment.Core.Enrollment;
using Enrollment.Infrastructure.Cognito.Model;

namespace Enrollment.Infrastructure.Cognito;

/// <summary>
/// The <see cref="IUserPoolAdmin"/> port: IAM-signed operations on one user pool. Removing a lost
/// authenticator tries AdminDeleteSoftwareToken (the factor is gone; an MFA-required pool then asks for
/// MFA_SETUP); where the endpoint does not know that operation (<see cref="UnknownOperation"/>: older
/// regions, emulators) it turns the software-token preference off instead, and says which happened. Signing the
/// user out everywhere (AdminUserGlobalSignOut) has no fallback: every endpoint we use has it (moto included).
/// </summary>
public sealed class CognitoUserPoolAdmin : IUserPoolAdmin
{
    /// <summary>Set by the template only on the functions granted Admin* calls.</summary>
    public const string UserPoolIdVariable = "USER_POOL_ID";

    /// <summary>AdminGetUser's error for a username the pool does not have (botocore cognito-idp model).</summary>
    private const string UserNotFound = "UserNotFoundException";

    private readonly CognitoIdentityProviderClient _client;
    private readonly string _userPoolId;

    public CognitoUserPoolAdmin(CognitoIdentityProviderClient client, string userPoolId)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentException.ThrowIfNullOrWhiteSpace(userPoolId);
        _client = client;
        _userPoolId = userPoolId;
    }

    public async Task<UserBinding?> FindUserAsync(string username, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(username);
        AdminGetUserResponse response;
        try
        {
            response = await _client.AdminGetUserAsync(new AdminGetUserRequest { UserPoolId = _userPoolId, Username = username }, cancellationToken).ConfigureAwait(false);
        }
        catch (CognitoServiceException failure) when (failure.ErrorType == UserNotFound)
        {
            return null;
        }
        catch (Exception failure) when (CognitoErrorMap.CanMap(failure))
        {
            throw CognitoErrorMap.ToEnrollmentException(failure);
        }
        return UserBindings.From(response.Username, response.UserAttributes) ?? throw CognitoErrorMap.Upstream();
    }

    public async Task<FactorRemoval> RemoveSoftwareTokenAsync(string username, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(username);
        try
        {
            await _client.AdminDeleteSoftwareTokenAsync(new AdminDeleteSoftwareTokenRequest { UserPoolId = _userPoolId, Username = username }, cancellationToken).ConfigureAwait(false);
            return FactorRemoval.Deleted;
        }
        catch (CognitoServiceException failure) when (UnknownOperation.Matches(failure))
        {
            // Fall through to the preference: the only other way to stop the factor being asked for.
        }
        catch (Exception failure) when (CognitoErrorMap.CanMap(failure))
        {
            throw CognitoErrorMap.ToEnrollmentException(failure);
        }

        var request = new AdminSetUserMfaPreferenceRequest
        {
            UserPoolId = _userPoolId,
            Username = username,
            SoftwareTokenMfaSettings = new MfaPreferenceSettings { Enabled = false, PreferredMfa = false },
        };
        try
        {
            await _client.AdminSetUserMfaPreferenceAsync(request, cancellationToken).ConfigureAwait(false);
            return FactorRemoval.PreferenceDisabled;
        }
        catch (Exception failure) when (CognitoErrorMap.CanMap(failure))
        {
            throw CognitoErrorMap.ToEnrollmentException(failure);
        }
    }

    public async Task SignOutEverywhereAsync(string username, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(username);
        try
        {
            // Safe to repeat (the client retries transient failures): signing out twice is signing out once.
            await _client.AdminUserGlobalSignOutAsync(new AdminUserGlobalSignOutRequest { UserPoolId = _userPoolId, Username = username }, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception failure) when (CognitoErrorMap.CanMap(failure))
        {
            throw CognitoErrorMap.ToEnrollmentException(failure);
        }
    }

    /// <summary>The pool id from USER_POOL_ID; null when the function was not given one.</summary>
    public static string? UserPoolIdFromEnvironment(Func<string, string?>? environment = null) =>
        (environment ?? Environment.GetEnvironmentVariable)(UserPoolIdVariable) is { Length: > 0 } id ? id.Trim() : null;
}
