using Enrollment.Core.Errors;
using Enrollment.Core.UserPool;
using Enrollment.Infrastructure.Cognito.Model;

namespace Enrollment.Infrastructure.Cognito;

/// <summary>
/// The <see cref="IUserPoolTotp"/> port over Cognito. Translates the port's calls into API requests and every
/// Cognito failure into an <see cref="EnrollmentException"/> through <see cref="CognitoErrorMap"/>; holds no rule.
/// </summary>
public sealed class CognitoUserPoolTotp : IUserPoolTotp
{
    private const string SubAttribute = "sub";

    private readonly CognitoIdentityProviderClient _client;

    public CognitoUserPoolTotp(CognitoIdentityProviderClient client)
    {
        ArgumentNullException.ThrowIfNull(client);
        _client = client;
    }

    public async Task<UserPoolUser> GetUserAsync(string accessToken, CancellationToken cancellationToken)
    {
        RequireCredential(accessToken);
        var response = await Map(() => _client.GetUserAsync(new GetUserRequest { AccessToken = accessToken }, cancellationToken)).ConfigureAwait(false);
        if (string.IsNullOrEmpty(response.Username)) throw UserPoolFailures.Upstream();

        return new UserPoolUser(
            response.Username,
            response.FindAttribute(SubAttribute),
            HasSoftwareToken: response.UserMFASettingList?.Contains(ChallengeNames.SoftwareTokenMfa) == true,
            // moto sends "" for "no preference".
            PreferredMfa: string.IsNullOrEmpty(response.PreferredMfaSetting) ? null : response.PreferredMfaSetting);
    }

    public async Task<TotpAssociation> AssociateAsync(TotpCredential credential, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(credential);
        RequireCredential(credential.Value);
        var request = credential.Kind == TotpCredentialKind.Session
            ? new AssociateSoftwareTokenRequest { Session = credential.Value }
            : new AssociateSoftwareTokenRequest { AccessToken = credential.Value };

        var response = await Map(() => _client.AssociateSoftwareTokenAsync(request, cancellationToken)).ConfigureAwait(false);
        if (string.IsNullOrEmpty(response.SecretCode)) throw UserPoolFailures.Upstream();
        return new TotpAssociation(response.SecretCode, NextSession(credential, response.Session));
    }

    public async Task<TotpVerification> VerifyAsync(TotpCredential credential, string code, string? deviceName, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(credential);
        RequireCredential(credential.Value);
        ArgumentException.ThrowIfNullOrEmpty(code);
        var device = string.IsNullOrWhiteSpace(deviceName) ? null : deviceName;
        var request = credential.Kind == TotpCredentialKind.Session
            ? new VerifySoftwareTokenRequest { Session = credential.Value, UserCode = code, FriendlyDeviceName = device }
            : new VerifySoftwareTokenRequest { AccessToken = credential.Value, UserCode = code, FriendlyDeviceName = device };

        var response = await Map(() => _client.VerifySoftwareTokenAsync(request, cancellationToken)).ConfigureAwait(false);
        // Status ERROR is a wrong code reported without an exception; no status at all is an answer we cannot trust.
        if (response.Status is null) throw UserPoolFailures.Upstream();
        if (response.Status != VerifySoftwareTokenResponse.Success) throw UserPoolFailures.WrongCode();
        return new TotpVerification(true, NextSession(credential, response.Session));
    }

    public Task SetSoftwareTokenPreferredAsync(string accessToken, CancellationToken cancellationToken)
    {
        RequireCredential(accessToken);
        var request = new SetUserMfaPreferenceRequest
        {
            AccessToken = accessToken,
            SoftwareTokenMfaSettings = new MfaPreferenceSettings { Enabled = true, PreferredMfa = true },
        };
        return Map(async () =>
        {
            await _client.SetUserMfaPreferenceAsync(request, cancellationToken).ConfigureAwait(false);
            return true;
        });
    }

    public Task DisableSoftwareTokenAsync(string accessToken, CancellationToken cancellationToken)
    {
        RequireCredential(accessToken);
        var request = new SetUserMfaPreferenceRequest
        {
            AccessToken = accessToken,
            SoftwareTokenMfaSettings = new MfaPreferenceSettings { Enabled = false, PreferredMfa = false },
        };
        return Map(async () =>
        {
            await _client.SetUserMfaPreferenceAsync(request, cancellationToken).ConfigureAwait(false);
            return true;
        });
    }

    /// <summary>
    /// On the session path the app continues with the newest session; if Cognito returns none, the one it sent
    /// is still current. The access-token path has no session to hand back (moto returns one anyway).
    /// </summary>
    private static string? NextSession(TotpCredential credential, string? returned) =>
        credential.Kind == TotpCredentialKind.Session ? returned ?? credential.Value : null;

    /// <summary>A missing credential is the caller's 401, not a defect: Cognito would refuse it anyway.</summary>
    private static void RequireCredential(string? value)
    {
        if (string.IsNullOrWhiteSpace(value)) throw UserPoolFailures.Unauthorized();
    }

    private static async Task<T> Map<T>(Func<Task<T>> call)
    {
        try
        {
            return await call().ConfigureAwait(false);
        }
        catch (Exception failure) when (CognitoErrorMap.CanMap(failure))
        {
            throw CognitoErrorMap.ToEnrollmentException(failure);
        }
    }
}
