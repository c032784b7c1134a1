using System.Net;
using Enrollment.Core.Errors;
using Enrollment.Core.UserPool;
using Enrollment.Infrastructure.Cognito.Model;
using Enrollment.Local.Cognito;
using Enrollment.Infrastructure.Cognito;
using Enrollment.Infrastructure.Tests.Fakes;
using Enrollment.Testing;

namespace Enrollment.Infrastructure.Tests.Cognito;

/// <summary>
/// Removing a lost authenticator: AdminDeleteSoftwareToken where the endpoint has it, the preference turned off
/// where it does not, and only for "does not know the operation", never for a real failure. Then signing the user out
/// everywhere (AdminUserGlobalSignOut), which moto implements: the old refresh and access tokens stop working.
/// </summary>
public sealed class CognitoUserPoolAdminTests(MotoFixture moto)
{
    private CancellationToken Token => TestContext.Current.CancellationToken;

    private static CognitoUserPoolAdmin Admin(StubHttpHandler handler) => new(TestClients.For(handler), "us-east-1_pool");

    [Fact]
    public async Task Where_the_operation_exists_the_token_is_deleted_with_one_signed_call()
    {
        var handler = StubHttpHandler.Always(() => StubHttpHandler.Ok());

        Assert.Equal(FactorRemoval.Deleted, await Admin(handler).RemoveSoftwareTokenAsync("jane", Token));

        var request = Assert.Single(handler.Requests);
        Assert.Equal("AWSCognitoIdentityProviderService.AdminDeleteSoftwareToken", request.Target);
        Assert.StartsWith("AWS4-HMAC-SHA256 ", request.Authorization);
        Assert.Equal("""{"UserPoolId":"us-east-1_pool","Username":"jane"}""", request.Body);
    }

    /// <summary>
    /// How an endpoint says it cannot run the operation: AWS's documented OperationNotEnabledException (API reference,
    /// AdminDeleteSoftwareToken, Errors: "not available in this region or replica"), AWS's UnknownOperationException
    /// (header form and body form), and a 501.
    /// </summary>
    public static TheoryData<int, string> UnknownOperationAnswers() => new()
    {
        { 400, """{"__type":"OperationNotEnabledException","message":"This operation is not available in this region or replica."}""" },
        { 400, """{"__type":"com.amazon.coral.service#UnknownOperationException"}""" },
        { 404, """{"__type":"UnknownOperationException","message":"Unknown operation"}""" },
        { 501, """{"__type":"InternalFailure","message":"not yet implemented"}""" },
    };

    [Theory]
    [MemberData(nameof(UnknownOperationAnswers))]
    public async Task On_AWS_an_unavailable_delete_is_502_and_never_a_preference_reported_as_removal(int status, string body)
    {
        var handler = StubHttpHandler.Always(() => StubHttpHandler.Json((HttpStatusCode)status, body));

        var failure = await Assert.ThrowsAsync<EnrollmentException>(() => Admin(handler).RemoveSoftwareTokenAsync("jane", Token));

        Assert.Equal(ErrorCode.UpstreamError, failure.Code);
        Assert.Equal(ErrorReasons.SoftwareTokenDeleteUnavailable, failure.Reason);
        var request = Assert.Single(handler.Requests);
        Assert.Equal("AWSCognitoIdentityProviderService.AdminDeleteSoftwareToken", request.Target);
    }

    [Theory]
    [MemberData(nameof(UnknownOperationAnswers))]
    public async Task On_an_emulator_that_lacks_the_operation_the_preference_is_turned_off_and_said_so(int status, string body)
    {
        var handler = new StubHttpHandler((attempt, _, _) => Task.FromResult(attempt == 0
            ? StubHttpHandler.Json((HttpStatusCode)status, body)
            : StubHttpHandler.Ok()));

        Assert.Equal(FactorRemoval.PreferenceDisabled, await new CognitoUserPoolAdmin(TestClients.ForEmulator(handler), "us-east-1_pool").RemoveSoftwareTokenAsync("jane", Token));

        Assert.Equal(2, handler.Attempts);
        var fallback = handler.Requests[1];
        Assert.Equal("AWSCognitoIdentityProviderService.AdminSetUserMFAPreference", fallback.Target);
        Assert.Contains("\"SoftwareTokenMfaSettings\":{\"Enabled\":false,\"PreferredMfa\":false}", fallback.Body);
    }

    [Fact]
    public async Task On_an_emulator_motos_not_implemented_page_is_its_unknown_operation_signal()
    {
        var handler = new StubHttpHandler((attempt, _, _) => Task.FromResult(attempt == 0 ? StubHttpHandler.MotoNotImplemented() : StubHttpHandler.Ok()));

        Assert.Equal(FactorRemoval.PreferenceDisabled, await new CognitoUserPoolAdmin(TestClients.ForEmulator(handler), "us-east-1_pool").RemoveSoftwareTokenAsync("jane", Token));
        Assert.Equal("AWSCognitoIdentityProviderService.AdminSetUserMFAPreference", handler.Requests[1].Target);
    }

    public static TheoryData<string> UserMfaSettings() => new() { "[]", """["SMS_MFA"]""" };

    [Theory]
    [MemberData(nameof(UserMfaSettings))]
    public async Task On_AWS_an_untyped_html_500_is_transient_and_the_outcome_is_read_back_not_assumed(string settings)
    {
        var handler = new StubHttpHandler((attempt, _, _) => Task.FromResult(attempt == 0
            ? StubHttpHandler.MotoNotImplemented()
            : StubHttpHandler.Ok($$"""{"Username":"jane","UserMFASettingList":{{settings}}}""")));

        Assert.Equal(FactorRemoval.Deleted, await Admin(handler).RemoveSoftwareTokenAsync("jane", Token));

        Assert.Equal(["AdminDeleteSoftwareToken", "AdminGetUser"], handler.Requests.Select(r => r.Target!["AWSCognitoIdentityProviderService.".Length..]));
    }

    [Fact]
    public async Task On_AWS_a_500_after_which_the_factor_is_still_listed_is_502_and_nothing_else_is_tried()
    {
        var handler = new StubHttpHandler((attempt, _, _) => Task.FromResult(attempt == 0
            ? StubHttpHandler.Error("InternalErrorException", 500)
            : StubHttpHandler.Ok("""{"Username":"jane","UserMFASettingList":["SOFTWARE_TOKEN_MFA"],"PreferredMfaSetting":"SOFTWARE_TOKEN_MFA"}""")));

        var failure = await Assert.ThrowsAsync<EnrollmentException>(() => Admin(handler).RemoveSoftwareTokenAsync("jane", Token));

        Assert.Equal(ErrorCode.UpstreamError, failure.Code);
        Assert.Equal(ErrorReasons.SoftwareTokenStillPresent, failure.Reason);
        Assert.Equal(["AdminDeleteSoftwareToken", "AdminGetUser"], handler.Requests.Select(r => r.Target!["AWSCognitoIdentityProviderService.".Length..]));
    }

    [Fact]
    public async Task A_timed_out_delete_is_not_repeated_its_outcome_is_established_with_AdminGetUser()
    {
        // The delete succeeds slowly (past the attempt timeout); AdminGetUser then shows no software token.
        var handler = new StubHttpHandler(async (attempt, _, token) =>
        {
            if (attempt == 0) await Task.Delay(Timeout.Infinite, token);
            return StubHttpHandler.Ok("""{"Username":"jane","UserMFASettingList":[],"UserStatus":"CONFIRMED"}""");
        });
        var admin = new CognitoUserPoolAdmin(TestClients.For(handler, attemptTimeout: TimeSpan.FromMilliseconds(200)), "us-east-1_pool");

        Assert.Equal(FactorRemoval.Deleted, await admin.RemoveSoftwareTokenAsync("jane", Token));

        Assert.Equal(["AdminDeleteSoftwareToken", "AdminGetUser"], handler.Requests.Select(r => r.Target!["AWSCognitoIdentityProviderService.".Length..]));
        Assert.Equal("""{"UserPoolId":"us-east-1_pool","Username":"jane"}""", handler.Requests[1].Body);
    }

    /// <summary>
    /// AdminDeleteSoftwareToken's documented errors (API reference): InternalError, InvalidParameter, NotAuthorized,
    /// OperationNotEnabled, ResourceNotFound, TooManyRequests, UserNotConfirmed, UserNotFound. They are about the user
    /// or the pool (the caller is our IAM role): never the caller's 401.
    /// </summary>
    [Theory]
    [InlineData("UserNotFoundException", 400, ErrorCode.NotFound)]
    [InlineData("ResourceNotFoundException", 400, ErrorCode.UpstreamError)]
    [InlineData("NotAuthorizedException", 400, ErrorCode.UpstreamError)]
    [InlineData("InvalidParameterException", 400, ErrorCode.UpstreamError)]
    [InlineData("UserNotConfirmedException", 400, ErrorCode.UpstreamError)]
    [InlineData("TooManyRequestsException", 400, ErrorCode.RateLimited)]
    public async Task A_real_failure_is_reported_not_papered_over_by_the_fallback(string type, int status, ErrorCode expected)
    {
        var handler = StubHttpHandler.Always(() => StubHttpHandler.Error(type, status));

        var failure = await Assert.ThrowsAsync<EnrollmentException>(() => Admin(handler).RemoveSoftwareTokenAsync("jane", Token));

        Assert.Equal(expected, failure.Code);
        Assert.NotEqual(UserPoolFailures.UnauthorizedMessage, failure.Message);
        Assert.All(handler.Requests, r => Assert.Equal("AWSCognitoIdentityProviderService.AdminDeleteSoftwareToken", r.Target));
    }

    [Fact]
    public async Task On_moto_which_lacks_the_operation_the_user_signs_in_without_totp_afterwards()
    {
        var client = MotoFixture.CognitoClient(moto.Endpoint, TimeSpan.FromSeconds(10));
        var pool = await CognitoTestPool.CreateAsync(client, MfaConfigurations.Optional);
        var username = await pool.CreateConfirmedUserAsync();
        var accessToken = await pool.SignInForAccessTokenAsync(username);
        var totp = new CognitoUserPoolTotp(client);
        var secret = (await totp.AssociateAsync(TotpCredential.AccessToken(accessToken), Token)).SecretCode;
        await totp.VerifyAsync(TotpCredential.AccessToken(accessToken), await TotpGenerator.FreshCodeAsync(secret), "Pixel 9", Token);
        await totp.SetSoftwareTokenPreferredAsync(accessToken, Token);
        Assert.Equal(ChallengeNames.SoftwareTokenMfa, (await pool.SignInAsync(username, CognitoTestPool.Password)).ChallengeName);

        var removal = await new CognitoUserPoolAdmin(client, pool.PoolId).RemoveSoftwareTokenAsync(username, Token);

        Assert.Equal(FactorRemoval.PreferenceDisabled, removal);
        Assert.False((await totp.GetUserAsync(accessToken, Token)).HasSoftwareToken);
        Assert.NotNull((await pool.SignInAsync(username, CognitoTestPool.Password)).AuthenticationResult);
    }

    [Fact]
    public async Task Signing_out_everywhere_is_one_signed_call_naming_the_pool_and_user()
    {
        var handler = StubHttpHandler.Always(() => StubHttpHandler.Ok());

        await Admin(handler).SignOutEverywhereAsync("jane", Token);

        var request = Assert.Single(handler.Requests);
        Assert.Equal("AWSCognitoIdentityProviderService.AdminUserGlobalSignOut", request.Target);
        Assert.StartsWith("AWS4-HMAC-SHA256 ", request.Authorization);
        Assert.Equal("""{"UserPoolId":"us-east-1_pool","Username":"jane"}""", request.Body);
    }

    [Theory]
    [InlineData("UserNotFoundException", 400, ErrorCode.NotFound, 1)]
    [InlineData("NotAuthorizedException", 400, ErrorCode.UpstreamError, 1)]
    [InlineData("TooManyRequestsException", 400, ErrorCode.RateLimited, 3)]
    [InlineData("LimitExceededException", 400, ErrorCode.RateLimited, 3)]
    [InlineData("InternalErrorException", 500, ErrorCode.UpstreamError, 3)]
    [InlineData("UnknownOperationException", 400, ErrorCode.UpstreamError, 1)]
    public async Task A_failed_sign_out_is_an_enrollment_error_after_the_retries_a_repeat_allows(string type, int status, ErrorCode expected, int attempts)
    {
        var handler = StubHttpHandler.Always(() => StubHttpHandler.Error(type, status));

        var failure = await Assert.ThrowsAsync<EnrollmentException>(() => Admin(handler).SignOutEverywhereAsync("jane", Token));

        Assert.Equal(expected, failure.Code);
        Assert.Equal(attempts, handler.Attempts);
        Assert.All(handler.Requests, r => Assert.Equal("AWSCognitoIdentityProviderService.AdminUserGlobalSignOut", r.Target));
    }

    [Fact]
    public async Task On_moto_signing_out_everywhere_ends_the_old_refresh_and_access_tokens_and_can_be_repeated()
    {
        var client = MotoFixture.CognitoClient(moto.Endpoint, TimeSpan.FromSeconds(10));
        var pool = await CognitoTestPool.CreateAsync(client, MfaConfigurations.Optional);
        var username = await pool.CreateConfirmedUserAsync();
        var old = (await pool.SignInAsync(username, CognitoTestPool.Password)).AuthenticationResult!;
        var totp = new CognitoUserPoolTotp(client);
        Assert.Equal(username, (await totp.GetUserAsync(old.AccessToken!, Token)).Username);
        Assert.NotNull((await pool.RefreshAsync(old.RefreshToken!)).AuthenticationResult?.AccessToken);
        var admin = new CognitoUserPoolAdmin(client, pool.PoolId);

        await admin.SignOutEverywhereAsync(username, Token);

        var refresh = await Assert.ThrowsAsync<CognitoServiceException>(() => pool.RefreshAsync(old.RefreshToken!));
        Assert.Equal("NotAuthorizedException", refresh.ErrorType);
        var getUser = await Assert.ThrowsAsync<EnrollmentException>(() => totp.GetUserAsync(old.AccessToken!, Token));
        Assert.Equal(ErrorCode.Unauthorized, getUser.Code);
        await admin.SignOutEverywhereAsync(username, Token); // idempotent
        // A new sign-in works: the sign-out ends sessions, not the user.
        Assert.NotNull((await pool.SignInAsync(username, CognitoTestPool.Password)).AuthenticationResult?.AccessToken);
    }

    [Fact]
    public async Task The_user_turns_their_own_token_off_with_the_access_token()
    {
        var client = MotoFixture.CognitoClient(moto.Endpoint, TimeSpan.FromSeconds(10));
        var pool = await CognitoTestPool.CreateAsync(client, MfaConfigurations.Optional);
        var username = await pool.CreateConfirmedUserAsync();
        var accessToken = await pool.SignInForAccessTokenAsync(username);
        var totp = new CognitoUserPoolTotp(client);
        var secret = (await totp.AssociateAsync(TotpCredential.AccessToken(accessToken), Token)).SecretCode;
        await totp.VerifyAsync(TotpCredential.AccessToken(accessToken), await TotpGenerator.FreshCodeAsync(secret), null, Token);
        await totp.SetSoftwareTokenPreferredAsync(accessToken, Token);

        await totp.DisableSoftwareTokenAsync(accessToken, Token);

        var user = await totp.GetUserAsync(accessToken, Token);
        Assert.False(user.HasSoftwareToken);
        Assert.Null(user.PreferredMfa);
        Assert.NotNull((await pool.SignInAsync(username, CognitoTestPool.Password)).AuthenticationResult);
    }
}
