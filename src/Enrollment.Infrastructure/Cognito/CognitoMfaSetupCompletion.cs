using Enrollment.Core.Binding;
using Enrollment.Core.Errors;
using Enrollment.Core.Identity;
using Enrollment.Core.UserPool;
using Enrollment.Infrastructure.Cognito.Model;

namespace Enrollment.Infrastructure.Cognito;

/// <summary>
/// The <see cref="IMfaSetupCompletion"/> port over Cognito: RespondToAuthChallenge (MFA_SETUP) with the session
/// VerifySoftwareToken returned, then who the issued tokens name. Holds no rule: the workflow decides what the claims
/// must say; this reads them and maps every failure to our error vocabulary with a message that says what to do.
/// </summary>
public sealed class CognitoMfaSetupCompletion : IMfaSetupCompletion
{
    private readonly CognitoIdentityProviderClient _client;
    private readonly Lazy<string> _trustedIssuer;

    /// <param name="userPoolId">Read on first use, so a process hosting other functions never needs it.</param>
    public CognitoMfaSetupCompletion(CognitoIdentityProviderClient client, Func<string> userPoolId)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(userPoolId);
        _client = client;
        _trustedIssuer = new Lazy<string>(() => IssuerOf(client.Options.Region, userPoolId()), LazyThreadSafetyMode.PublicationOnly);
    }

    public string TrustedIssuer => _trustedIssuer.Value;

    /// <summary>Cognito's issuer URL for a pool (the iss claim and the JWT authorizer's issuer): region and pool id.</summary>
    public static string IssuerOf(string region, string userPoolId) => $"https://cognito-idp.{region}.amazonaws.com/{userPoolId}";

    public async Task<CompletedMfaSetup> CompleteAsync(string clientId, string username, string session, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(clientId);
        ArgumentException.ThrowIfNullOrEmpty(username);
        ArgumentException.ThrowIfNullOrEmpty(session);
        RespondToAuthChallengeResponse response;
        try
        {
            response = await _client.RespondToAuthChallengeAsync(new RespondToAuthChallengeRequest
            {
                ClientId = clientId,
                ChallengeName = ChallengeNames.MfaSetup,
                Session = session,
                ChallengeResponses = new Dictionary<string, string> { [ChallengeKeys.Username] = username },
            }, cancellationToken).ConfigureAwait(false);
        }
        catch (CognitoServiceException failure)
        {
            throw FromService(failure);
        }
        catch (CognitoTransportException failure)
        {
            throw CognitoErrorMap.ToEnrollmentException(failure);
        }

        var result = response.AuthenticationResult;
        if (result is null)
        {
            throw string.IsNullOrEmpty(response.ChallengeName)
                ? UserPoolFailures.Upstream()
                : UserPoolFailures.UnexpectedChallenge(response.ChallengeName);
        }
        return new CompletedMfaSetup(IdentityOf(result), TokensOf(result));
    }

    /// <summary>Who the tokens name: the access token's iss, client_id, sub and username; the tenant binding from the ID token.</summary>
    private static TokenIdentity IdentityOf(AuthenticationResult result)
    {
        var access = JwtPayloadClaims.Read(result.AccessToken) ?? throw UserPoolFailures.Upstream();
        var id = JwtPayloadClaims.Read(result.IdToken) ?? throw UserPoolFailures.Upstream();
        if (Claim(access, ClaimNames.TokenUse) != ClaimValues.AccessTokenUse) throw UserPoolFailures.Upstream();
        var issuer = Claim(access, ClaimNames.Issuer) ?? throw UserPoolFailures.Upstream();
        var sub = Claim(access, ClaimNames.Subject) ?? throw UserPoolFailures.Upstream();
        var clientId = Claim(access, ClaimNames.ClientId) ?? throw UserPoolFailures.Upstream();
        // Both tokens come from the one answer; if they disagree on who or where, neither is trusted.
        if (Claim(id, ClaimNames.Subject) != sub || Claim(id, ClaimNames.Issuer) != issuer || Claim(id, ClaimNames.Audience) != clientId) throw UserPoolFailures.Upstream();
        var username = Claim(access, ClaimNames.Username) ?? Claim(id, ClaimNames.CognitoUsername) ?? sub;
        // custom:tenant_id is the binding (in the ID token when the client may read it); tenant_id is what pre token
        // generation writes from it into both tokens.
        var tenant = Claim(id, TenantBinding.Attribute) ?? Claim(id, ClaimNames.TenantId) ?? Claim(access, ClaimNames.TenantId);
        return new TokenIdentity(issuer, clientId, sub, username, tenant);
    }

    private static SignInTokens TokensOf(AuthenticationResult result) => new(
        result.AccessToken!,
        result.IdToken!,
        result.RefreshToken,
        result.ExpiresIn ?? 3600,
        string.IsNullOrEmpty(result.TokenType) ? "Bearer" : result.TokenType);

    private static EnrollmentException FromService(CognitoServiceException failure) => failure.ErrorType switch
    {
        "NotAuthorizedException" or "ResourceNotFoundException" or "InvalidParameterException" or "UserNotFoundException"
            => UserPoolFailures.MfaSetupNotCompleted(),
        // A sign-in trigger (pre token generation, for one) refused: the tenant's sign-in rules said no.
        "UserLambdaValidationException" => UserPoolFailures.SignInRefused(),
        _ => CognitoErrorMap.ToEnrollmentException(failure),
    };

    private static string? Claim(IReadOnlyDictionary<string, string> claims, string name) =>
        claims.TryGetValue(name, out var value) && value.Length > 0 ? value : null;
}
