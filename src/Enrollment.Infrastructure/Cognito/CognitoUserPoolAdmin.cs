using Enrollment.Core.Binding;
using Enrollment.Core.Errors;
using Enrollment.Core.UserPool;
using Enrollment.Infrastructure.Cognito.Model;

namespace Enrollment.Infrastructure.Cognito;

/// <summary>
/// The <see cref="IUserPoolAdmin"/> port: IAM-signed operations on one user pool.
/// <para>
/// Removing a lost authenticator is AdminDeleteSoftwareToken: the factor is gone (an MFA-required pool then asks for
/// MFA_SETUP). Its answers are read as follows:
/// <list type="bullet">
/// <item>Success: <see cref="FactorRemoval.Deleted"/>.</item>
/// <item>An answer that may hide a success (a timed-out attempt, a broken connection, a 5xx): the operation is not
/// repeated blindly; the outcome is established with AdminGetUser's UserMFASettingList before answering. No
/// SOFTWARE_TOKEN_MFA there: Deleted; still there: 502 (nothing changed, the reset can be retried).</item>
/// <item>The endpoint cannot run the operation (<see cref="UnknownOperation"/>). On AWS that is 502 with reason
/// <see cref="ErrorReasons.SoftwareTokenDeleteUnavailable"/>, recorded in the audit item: turning the preference off would leave the
/// factor associated, and must never be reported as a removal there. Only against an emulator (moto lacks the
/// operation) is the preference turned off instead, and the answer says so: <see cref="FactorRemoval.PreferenceDisabled"/>.</item>
/// <item>Anything else: <see cref="CognitoErrorMap"/>, IAM class (an unknown user is 404, the rest 502).</item>
/// </list>
/// Signing the user out everywhere (AdminUserGlobalSignOut) has no fallback: every endpoint we use has it (moto included).
/// </para>
/// </summary>
public sealed class CognitoUserPoolAdmin : IUserPoolAdmin
{
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
        return UserBindings.From(response.Username, response.UserAttributes) ?? throw UserPoolFailures.Upstream();
    }

    public async Task<FactorRemoval> RemoveSoftwareTokenAsync(string username, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(username);
        var endpointIsAws = _client.Options.EndpointIsAws;
        try
        {
            await _client.AdminDeleteSoftwareTokenAsync(new AdminDeleteSoftwareTokenRequest { UserPoolId = _userPoolId, Username = username }, cancellationToken).ConfigureAwait(false);
            return FactorRemoval.Deleted;
        }
        catch (CognitoServiceException failure) when (UnknownOperation.Matches(failure, endpointIsAws))
        {
            if (endpointIsAws) throw UserPoolFailures.Upstream(ErrorReasons.SoftwareTokenDeleteUnavailable);
            // An emulator: fall through to the preference, the only other way to stop the factor being asked for.
        }
        catch (Exception failure) when (OutcomeUnknown(failure))
        {
            return await EstablishRemovalAsync(username, cancellationToken).ConfigureAwait(false);
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

    /// <summary>The request may have been received and acted on, and the answer does not say whether it was.</summary>
    private static bool OutcomeUnknown(Exception failure) => failure switch
    {
        CognitoTransportException transport => transport.RequestMayHaveBeenReceived,
        CognitoServiceException service => service.StatusCode >= 500,
        _ => false,
    };

    /// <summary>AdminGetUser (safe to repeat, so retried on transient failures) says whether the factor is still there.</summary>
    private async Task<FactorRemoval> EstablishRemovalAsync(string username, CancellationToken cancellationToken)
    {
        AdminGetUserResponse user;
        try
        {
            user = await _client.AdminGetUserAsync(new AdminGetUserRequest { UserPoolId = _userPoolId, Username = username }, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception failure) when (CognitoErrorMap.CanMap(failure))
        {
            throw CognitoErrorMap.ToEnrollmentException(failure);
        }
        if (user.UserMFASettingList?.Contains(ChallengeNames.SoftwareTokenMfa) == true) throw UserPoolFailures.Upstream(ErrorReasons.SoftwareTokenStillPresent);
        return FactorRemoval.Deleted;
    }
}
