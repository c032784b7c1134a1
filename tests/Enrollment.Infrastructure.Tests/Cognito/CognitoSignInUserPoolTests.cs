using System.Diagnostics;
using Enrollment.Core.Errors;
using Enrollment.Core.UserPool;
using Enrollment.Infrastructure.Cognito.Model;
using Enrollment.Local.Cognito;
using Enrollment.Infrastructure.Cognito;
using Enrollment.Infrastructure.Tests.Fakes;
using Enrollment.Testing;

namespace Enrollment.Infrastructure.Tests.Cognito;

/// <summary>
/// The sign-in triggers' user pool port: AdminGetUser's <c>UserMFASettingList</c> (botocore's cognito-idp model: a
/// list of strings, absent when the user has no MFA) and AdminUserGlobalSignOut, on the pool the event names.
/// Every failure is one fixed UPSTREAM_ERROR, fast (the triggers have 5 s in all).
/// </summary>
public sealed class CognitoSignInUserPoolTests(MotoFixture moto)
{
    private CancellationToken Token => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("""{"Username":"jane","UserMFASettingList":["SOFTWARE_TOKEN_MFA"],"PreferredMfaSetting":"SOFTWARE_TOKEN_MFA"}""", true)]
    [InlineData("""{"Username":"jane","UserMFASettingList":["SMS_MFA","SOFTWARE_TOKEN_MFA"]}""", true)]
    [InlineData("""{"Username":"jane","UserMFASettingList":["SMS_MFA"],"PreferredMfaSetting":"SMS_MFA"}""", false)]
    [InlineData("""{"Username":"jane","UserMFASettingList":[]}""", false)]
    [InlineData("""{"Username":"jane","UserAttributes":[{"Name":"sub","Value":"s"}],"Enabled":true,"UserStatus":"CONFIRMED","UserCreateDate":1.7e9}""", false)]
    public async Task The_factor_is_what_UserMFASettingList_says_asked_with_one_signed_call_on_the_events_pool(string answer, bool expected)
    {
        var handler = StubHttpHandler.Always(() => StubHttpHandler.Ok(answer));

        Assert.Equal(expected, await new CognitoSignInUserPool(TestClients.For(handler)).HasSoftwareTokenAsync("us-east-1_Event", "jane", Token));

        var request = Assert.Single(handler.Requests);
        Assert.Equal("AWSCognitoIdentityProviderService.AdminGetUser", request.Target);
        Assert.StartsWith("AWS4-HMAC-SHA256 ", request.Authorization);
        Assert.Equal("""{"UserPoolId":"us-east-1_Event","Username":"jane"}""", request.Body);
    }

    [Theory]
    [InlineData("UserNotFoundException", 400)]
    [InlineData("ResourceNotFoundException", 400)]
    [InlineData("NotAuthorizedException", 400)]
    [InlineData("InvalidParameterException", 400)]
    [InlineData("TooManyRequestsException", 400)]
    [InlineData("InternalErrorException", 500)]
    public async Task Every_documented_error_fails_closed_with_a_fixed_message(string type, int status)
    {
        var handler = StubHttpHandler.Always(() => StubHttpHandler.Error(type, status, "user jane in pool us-east-1_Event"));
        var port = new CognitoSignInUserPool(TestClients.For(handler));

        var read = await Assert.ThrowsAsync<EnrollmentException>(() => port.HasSoftwareTokenAsync("us-east-1_Event", "jane", Token));
        var signOut = await Assert.ThrowsAsync<EnrollmentException>(() => port.SignOutEverywhereAsync("us-east-1_Event", "jane", Token));

        foreach (var failure in new[] { read, signOut })
        {
            Assert.Equal((ErrorCode.UpstreamError, UserPoolFailures.SignInLookupMessage), (failure.Code, failure.Message));
            Assert.DoesNotContain("jane", failure.ToString());
        }
    }

    [Fact]
    public async Task A_hung_user_pool_fails_within_two_short_attempts()
    {
        var handler = StubHttpHandler.Hangs();
        var client = new CognitoIdentityProviderClient(new HttpClient(handler) { Timeout = Timeout.InfiniteTimeSpan },
            TestClients.Options(TestClients.AwsEndpoint, attemptTimeout: TimeSpan.FromMilliseconds(200), maxRetries: 1), TestClients.Signer());

        var clock = Stopwatch.StartNew();
        var failure = await Assert.ThrowsAsync<EnrollmentException>(() => new CognitoSignInUserPool(client).HasSoftwareTokenAsync("us-east-1_Event", "jane", Token));

        Assert.Equal(ErrorCode.UpstreamError, failure.Code);
        Assert.Equal(2, handler.Attempts);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(2), clock.Elapsed.ToString());
    }

    [Fact]
    public async Task Signing_out_names_the_events_pool_and_user()
    {
        var handler = StubHttpHandler.Always(() => StubHttpHandler.Ok());
        await new CognitoSignInUserPool(TestClients.For(handler)).SignOutEverywhereAsync("us-east-1_Event", "jane", Token);
        var request = Assert.Single(handler.Requests);
        Assert.Equal("AWSCognitoIdentityProviderService.AdminUserGlobalSignOut", request.Target);
        Assert.Equal("""{"UserPoolId":"us-east-1_Event","Username":"jane"}""", request.Body);
    }

    [Fact]
    public async Task On_moto_the_factor_appears_with_the_verified_software_token_and_goes_with_the_preference()
    {
        var client = MotoFixture.CognitoClient(moto.Endpoint, TimeSpan.FromSeconds(10));
        var pool = await CognitoTestPool.CreateAsync(client, MfaConfigurations.Optional);
        var username = await pool.CreateConfirmedUserAsync();
        var port = new CognitoSignInUserPool(client);
        Assert.False(await port.HasSoftwareTokenAsync(pool.PoolId, username, Token));

        var accessToken = await pool.SignInForAccessTokenAsync(username);
        var totp = new CognitoUserPoolTotp(client);
        var secret = (await totp.AssociateAsync(TotpCredential.AccessToken(accessToken), Token)).SecretCode;
        await totp.VerifyAsync(TotpCredential.AccessToken(accessToken), await TotpGenerator.FreshCodeAsync(secret), "Pixel 9", Token);
        await totp.SetSoftwareTokenPreferredAsync(accessToken, Token);
        Assert.True(await port.HasSoftwareTokenAsync(pool.PoolId, username, Token));

        // Removed outside our API (the user's own SetUserMFAPreference, or an operator): Cognito no longer lists it.
        await new CognitoUserPoolAdmin(client, pool.PoolId).RemoveSoftwareTokenAsync(username, Token);
        Assert.False(await port.HasSoftwareTokenAsync(pool.PoolId, username, Token));

        // Another pool's id, or a user the pool does not have: fail closed.
        await Assert.ThrowsAsync<EnrollmentException>(() => port.HasSoftwareTokenAsync("us-east-1_NoSuchPool", username, Token));
        await Assert.ThrowsAsync<EnrollmentException>(() => port.HasSoftwareTokenAsync(pool.PoolId, "nobody-" + Guid.NewGuid().ToString("n")[..6], Token));

        await port.SignOutEverywhereAsync(pool.PoolId, username, Token);
    }
}
