using Enrollment.Core.Errors;
using Enrollment.Core.UserPool;
using Enrollment.Infrastructure.Cognito.Model;
using Enrollment.Local.Cognito;
using Enrollment.Infrastructure.Cognito;
using Enrollment.Infrastructure.Tests.Fakes;
using Enrollment.Testing;

namespace Enrollment.Infrastructure.Tests.Cognito;

/// <summary>
/// The TOTP flows end to end against moto with TOTP checking on (wrong codes really fail). moto checks the
/// current 30 s step only and does not remember used codes, so each code is computed fresh just before use;
/// <see cref="TotpGenerator.FreshCodeAsync"/> waits only when a step is about to end.
/// </summary>
public sealed class CognitoMotoTotpTests(MotoFixture moto)
{
    private const string MotoSecret = "asdfasdfasdf";

    private readonly CognitoIdentityProviderClient _client = MotoFixture.CognitoClient(moto.Endpoint, TimeSpan.FromSeconds(10));
    private CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Signed_in_user_enrolls_then_signs_in_with_a_totp_code()
    {
        var pool = await CognitoTestPool.CreateAsync(_client, MfaConfigurations.Optional);
        var username = await pool.CreateConfirmedUserAsync();
        var accessToken = await pool.SignInForAccessTokenAsync(username);
        var totp = new CognitoUserPoolTotp(_client);

        var before = await totp.GetUserAsync(accessToken, Token);
        Assert.Equal(username, before.Username);
        Assert.False(string.IsNullOrEmpty(before.Sub));
        Assert.False(before.HasSoftwareToken);
        Assert.Null(before.PreferredMfa);

        var association = await totp.AssociateAsync(TotpCredential.AccessToken(accessToken), Token);
        Assert.Equal(MotoSecret, association.SecretCode, ignoreCase: true);
        Assert.Null(association.Session);

        // Preferring a factor that is not verified yet is refused by Cognito: a state conflict.
        var early = await Assert.ThrowsAsync<EnrollmentException>(() => totp.SetSoftwareTokenPreferredAsync(accessToken, Token));
        Assert.Equal(ErrorCode.Conflict, early.Code);

        var wrong = await Assert.ThrowsAsync<EnrollmentException>(() =>
            totp.VerifyAsync(TotpCredential.AccessToken(accessToken), TotpGenerator.WrongCode(association.SecretCode), "Pixel 9", Token));
        Assert.Equal(ErrorCode.CodeMismatch, wrong.Code);
        Assert.Equal(UserPoolFailures.WrongCodeMessage, wrong.Message);

        var code = await TotpGenerator.FreshCodeAsync(association.SecretCode);
        var verified = await totp.VerifyAsync(TotpCredential.AccessToken(accessToken), code, "Pixel 9", Token);
        Assert.True(verified.Success);

        await totp.SetSoftwareTokenPreferredAsync(accessToken, Token);
        var after = await totp.GetUserAsync(accessToken, Token);
        Assert.True(after.HasSoftwareToken);
        Assert.Equal(ChallengeNames.SoftwareTokenMfa, after.PreferredMfa);

        var signIn = await pool.SignInAsync(username, CognitoTestPool.Password);
        Assert.Equal(ChallengeNames.SoftwareTokenMfa, signIn.ChallengeName);
        Assert.Null(signIn.AuthenticationResult);
        Assert.False(string.IsNullOrEmpty(signIn.Session));

        // A wrong code at sign-in is CodeMismatchException from the client itself (no adapter on this path).
        var wrongAtSignIn = await Assert.ThrowsAsync<CognitoServiceException>(() => RespondWithCodeAsync(pool, username, signIn.Session!, TotpGenerator.WrongCode(MotoSecret)));
        Assert.Equal("CodeMismatchException", wrongAtSignIn.ErrorType);

        // moto keeps the session after a wrong code; sign in again anyway so the test also holds on AWS.
        signIn = await pool.SignInAsync(username, CognitoTestPool.Password);
        var tokens = await RespondWithCodeAsync(pool, username, signIn.Session!, await TotpGenerator.FreshCodeAsync(MotoSecret));
        Assert.Null(tokens.ChallengeName);
        Assert.False(string.IsNullOrEmpty(tokens.AuthenticationResult?.AccessToken));
        Assert.False(string.IsNullOrEmpty(tokens.AuthenticationResult?.IdToken));
    }

    [Fact]
    public async Task User_of_a_pool_that_requires_mfa_sets_up_totp_mid_sign_in()
    {
        var pool = await CognitoTestPool.CreateAsync(_client, MfaConfigurations.On);
        const string temporary = "Temporary-Pass-1";
        var username = await pool.CreateUserWithTemporaryPasswordAsync(temporary);
        var totp = new CognitoUserPoolTotp(_client);

        var first = await pool.SignInAsync(username, temporary);
        Assert.Equal(ChallengeNames.NewPasswordRequired, first.ChallengeName);

        var setup = await _client.RespondToAuthChallengeAsync(new RespondToAuthChallengeRequest
        {
            ClientId = pool.ClientId,
            ChallengeName = ChallengeNames.NewPasswordRequired,
            Session = first.Session,
            ChallengeResponses = new Dictionary<string, string>
            {
                [ChallengeKeys.Username] = username,
                [ChallengeKeys.NewPassword] = CognitoTestPool.Password,
            },
        }, Token);
        Assert.Equal(ChallengeNames.MfaSetup, setup.ChallengeName);
        // moto sends MFAS_CAN_SETUP as a JSON array, not a string: read leniently, kept as its JSON text.
        Assert.NotNull(setup.ChallengeParameters);
        Assert.Contains(ChallengeNames.SoftwareTokenMfa, setup.ChallengeParameters[ChallengeKeys.MfasCanSetup]);

        var association = await totp.AssociateAsync(TotpCredential.Session(setup.Session!), Token);
        Assert.Equal(MotoSecret, association.SecretCode, ignoreCase: true);
        Assert.False(string.IsNullOrEmpty(association.Session));

        var wrong = await Assert.ThrowsAsync<EnrollmentException>(() =>
            totp.VerifyAsync(TotpCredential.Session(association.Session!), TotpGenerator.WrongCode(association.SecretCode), null, Token));
        Assert.Equal(ErrorCode.CodeMismatch, wrong.Code);

        var verified = await totp.VerifyAsync(TotpCredential.Session(association.Session!), await TotpGenerator.FreshCodeAsync(association.SecretCode), "Pixel 9", Token);
        Assert.True(verified.Success);
        Assert.False(string.IsNullOrEmpty(verified.Session));

        var done = await _client.RespondToAuthChallengeAsync(new RespondToAuthChallengeRequest
        {
            ClientId = pool.ClientId,
            ChallengeName = ChallengeNames.MfaSetup,
            Session = verified.Session,
            ChallengeResponses = new Dictionary<string, string> { [ChallengeKeys.Username] = username },
        }, Token);
        Assert.False(string.IsNullOrEmpty(done.AuthenticationResult?.AccessToken));

        var user = await totp.GetUserAsync(done.AuthenticationResult!.AccessToken!, Token);
        Assert.Equal(username, user.Username);
    }

    [Fact]
    public async Task Unknown_session_and_unknown_token_are_unauthorized()
    {
        var totp = new CognitoUserPoolTotp(_client);
        var session = new string('s', 40);

        var associate = await Assert.ThrowsAsync<EnrollmentException>(() => totp.AssociateAsync(TotpCredential.Session(session), Token));
        Assert.Equal(ErrorCode.Unauthorized, associate.Code);

        var verify = await Assert.ThrowsAsync<EnrollmentException>(() => totp.VerifyAsync(TotpCredential.Session(session), "123456", null, Token));
        Assert.Equal(ErrorCode.Unauthorized, verify.Code);

        var getUser = await Assert.ThrowsAsync<EnrollmentException>(() => totp.GetUserAsync("not-a-token", Token));
        Assert.Equal(ErrorCode.Unauthorized, getUser.Code);

        var verifyToken = await Assert.ThrowsAsync<EnrollmentException>(() => totp.VerifyAsync(TotpCredential.AccessToken("not-a-token"), "123456", null, Token));
        Assert.Equal(ErrorCode.Unauthorized, verifyToken.Code);
    }

    [Fact]
    public async Task Signed_out_token_is_unauthorized()
    {
        var pool = await CognitoTestPool.CreateAsync(_client, MfaConfigurations.Optional);
        var username = await pool.CreateConfirmedUserAsync();
        var accessToken = await pool.SignInForAccessTokenAsync(username);
        var totp = new CognitoUserPoolTotp(_client);
        Assert.Equal(username, (await totp.GetUserAsync(accessToken, Token)).Username);

        await _client.GlobalSignOutAsync(new GlobalSignOutRequest { AccessToken = accessToken }, Token);

        var failure = await Assert.ThrowsAsync<EnrollmentException>(() => totp.GetUserAsync(accessToken, Token));
        Assert.Equal(ErrorCode.Unauthorized, failure.Code);
    }

    [Fact]
    public async Task Admin_operations_are_signed_and_understood()
    {
        var pool = await CognitoTestPool.CreateAsync(_client, MfaConfigurations.Optional);
        var username = await pool.CreateConfirmedUserAsync();

        var described = await _client.DescribeUserPoolAsync(new DescribeUserPoolRequest { UserPoolId = pool.PoolId }, Token);
        Assert.Equal(pool.PoolId, described.UserPool?.Id);
        Assert.Equal(MfaConfigurations.Optional, described.UserPool?.MfaConfiguration);

        var user = await _client.AdminGetUserAsync(new AdminGetUserRequest { UserPoolId = pool.PoolId, Username = username }, Token);
        Assert.Equal(username, user.Username);
        Assert.Equal("CONFIRMED", user.UserStatus);
        Assert.False(string.IsNullOrEmpty(user.FindAttribute("sub")));
        Assert.NotNull(user.UserCreateDate);
        Assert.InRange(user.UserCreateDate!.Value, DateTimeOffset.UtcNow.AddHours(-1), DateTimeOffset.UtcNow.AddHours(1));

        await _client.CreateGroupAsync(new CreateGroupRequest { UserPoolId = pool.PoolId, GroupName = "mfa-required", Precedence = 1 }, Token);
        await _client.AdminAddUserToGroupAsync(new AdminAddUserToGroupRequest { UserPoolId = pool.PoolId, Username = username, GroupName = "mfa-required" }, Token);
        var groups = await _client.AdminListGroupsForUserAsync(new AdminListGroupsForUserRequest { UserPoolId = pool.PoolId, Username = username }, Token);
        Assert.Equal(["mfa-required"], groups.Groups?.Select(g => g.GroupName));

        var missing = await Assert.ThrowsAsync<CognitoServiceException>(() =>
            _client.AdminGetUserAsync(new AdminGetUserRequest { UserPoolId = pool.PoolId, Username = "nobody-" + Guid.NewGuid().ToString("N") }, Token));
        Assert.Equal("UserNotFoundException", missing.ErrorType);
        Assert.Equal(400, missing.StatusCode);
    }

    [Fact]
    public async Task Admin_can_turn_the_totp_preference_off()
    {
        var pool = await CognitoTestPool.CreateAsync(_client, MfaConfigurations.Optional);
        var username = await pool.CreateConfirmedUserAsync();
        var accessToken = await pool.SignInForAccessTokenAsync(username);
        var totp = new CognitoUserPoolTotp(_client);
        await totp.AssociateAsync(TotpCredential.AccessToken(accessToken), Token);
        await totp.VerifyAsync(TotpCredential.AccessToken(accessToken), await TotpGenerator.FreshCodeAsync(MotoSecret), null, Token);
        await totp.SetSoftwareTokenPreferredAsync(accessToken, Token);
        Assert.True((await totp.GetUserAsync(accessToken, Token)).HasSoftwareToken);

        await _client.AdminSetUserMfaPreferenceAsync(new AdminSetUserMfaPreferenceRequest
        {
            UserPoolId = pool.PoolId,
            Username = username,
            SoftwareTokenMfaSettings = new MfaPreferenceSettings { Enabled = false, PreferredMfa = false },
        }, Token);

        var after = await _client.AdminGetUserAsync(new AdminGetUserRequest { UserPoolId = pool.PoolId, Username = username }, Token);
        Assert.DoesNotContain(ChallengeNames.SoftwareTokenMfa, after.UserMFASettingList ?? []);
    }

    private Task<RespondToAuthChallengeResponse> RespondWithCodeAsync(CognitoTestPool pool, string username, string session, string code) =>
        _client.RespondToAuthChallengeAsync(new RespondToAuthChallengeRequest
        {
            ClientId = pool.ClientId,
            ChallengeName = ChallengeNames.SoftwareTokenMfa,
            Session = session,
            ChallengeResponses = new Dictionary<string, string>
            {
                [ChallengeKeys.Username] = username,
                [ChallengeKeys.SoftwareTokenMfaCode] = code,
            },
        }, Token);
}
