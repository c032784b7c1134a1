using System.Net.Sockets;
using Enrollment.Core.Errors;
using Enrollment.Core.UserPool;
using Enrollment.Infrastructure.Cognito.Model;
using Enrollment.Local.Cognito;
using Enrollment.Infrastructure.Cognito;
using Enrollment.Infrastructure.Tests.Fakes;

namespace Enrollment.Infrastructure.Tests.Cognito;

/// <summary>
/// Retries are bounded (at most 2) and happen only where a repeat cannot change the outcome: reads and
/// idempotent writes on transient failures, anything when the request never left. A TOTP code is single use,
/// so Verify, InitiateAuth and RespondToAuthChallenge are never repeated once Cognito may have seen them.
/// </summary>
public sealed class CognitoRetryTests
{
    private CancellationToken Token => TestContext.Current.CancellationToken;

    private static VerifySoftwareTokenRequest Verify => new() { AccessToken = "t", UserCode = "123456" };

    [Theory]
    [InlineData("InternalErrorException", 500)]
    [InlineData("TooManyRequestsException", 400)]
    [InlineData("ServiceUnavailable", 503)]
    // Throttling as botocore classifies it: LimitExceededException (standard mode's throttled codes) and a bare 429
    // with no error type (_retry.json, too_many_requests).
    [InlineData("LimitExceededException", 400)]
    [InlineData("ThrottlingException", 400)]
    [InlineData(null, 429)]
    public async Task Reads_are_retried_twice_on_transient_errors(string? errorType, int status)
    {
        var delays = new List<TimeSpan>();
        var handler = StubHttpHandler.Always(() => errorType is null
            ? new HttpResponseMessage((System.Net.HttpStatusCode)status)
            : StubHttpHandler.Error(errorType, status));

        await Assert.ThrowsAsync<CognitoServiceException>(() => TestClients.For(handler, delays).GetUserAsync(new() { AccessToken = "t" }, Token));

        Assert.Equal(3, handler.Attempts);
        // Jitter pinned at 1.0: the full caps, 100 ms then 200 ms.
        Assert.Equal([TimeSpan.FromMilliseconds(100), TimeSpan.FromMilliseconds(200)], delays);
    }

    [Fact]
    public async Task A_retry_that_succeeds_returns_the_answer()
    {
        var handler = new StubHttpHandler((attempt, _, _) => Task.FromResult(attempt == 0
            ? StubHttpHandler.Error("InternalErrorException", 500)
            : StubHttpHandler.Ok("""{"Username":"alice","UserAttributes":[]}""")));

        var user = await new CognitoUserPoolTotp(TestClients.For(handler)).GetUserAsync("t", Token);

        Assert.Equal("alice", user.Username);
        Assert.Equal(2, handler.Attempts);
    }

    [Theory]
    [InlineData("InternalErrorException", 500)]
    [InlineData("TooManyRequestsException", 400)]
    [InlineData("CodeMismatchException", 400)]
    public async Task Verify_is_never_repeated_after_cognito_may_have_seen_it(string errorType, int status)
    {
        var handler = StubHttpHandler.Always(() => StubHttpHandler.Error(errorType, status));
        await Assert.ThrowsAsync<CognitoServiceException>(() => TestClients.For(handler).VerifySoftwareTokenAsync(Verify, Token));
        Assert.Equal(1, handler.Attempts);
    }

    [Fact]
    public async Task Verify_is_not_repeated_after_a_timeout()
    {
        var handler = StubHttpHandler.Hangs();
        var failure = await Assert.ThrowsAsync<CognitoTransportException>(() =>
            TestClients.For(handler, attemptTimeout: TimeSpan.FromMilliseconds(50)).VerifySoftwareTokenAsync(Verify, Token));
        Assert.Equal(CognitoTransportFailure.Timeout, failure.Failure);
        Assert.Equal(1, handler.Attempts);
    }

    [Fact]
    public async Task Verify_is_not_repeated_when_the_connection_breaks_mid_request()
    {
        var handler = StubHttpHandler.Throws(() => new HttpRequestException(HttpRequestError.ResponseEnded, "The response ended prematurely."));
        var failure = await Assert.ThrowsAsync<CognitoTransportException>(() => TestClients.For(handler).VerifySoftwareTokenAsync(Verify, Token));
        Assert.Equal(CognitoTransportFailure.ConnectionLost, failure.Failure);
        Assert.Equal(1, handler.Attempts);
    }

    [Fact]
    public async Task Verify_is_retried_when_the_request_never_left()
    {
        var handler = new StubHttpHandler((attempt, _, _) => attempt < 2
            ? Task.FromException<HttpResponseMessage>(CognitoErrorMappingTests.ConnectionRefused())
            : Task.FromResult(StubHttpHandler.Ok("""{"Status":"SUCCESS"}""")));

        var response = await TestClients.For(handler).VerifySoftwareTokenAsync(Verify, Token);

        Assert.Equal("SUCCESS", response.Status);
        Assert.Equal(3, handler.Attempts);
    }

    [Fact]
    public async Task Retries_stop_after_two_even_when_the_request_never_left()
    {
        var handler = StubHttpHandler.Throws(CognitoErrorMappingTests.ConnectionRefused);
        var failure = await Assert.ThrowsAsync<CognitoTransportException>(() => TestClients.For(handler).VerifySoftwareTokenAsync(Verify, Token));
        Assert.Equal(CognitoTransportFailure.NotSent, failure.Failure);
        Assert.False(failure.RequestMayHaveBeenReceived);
        Assert.Equal(3, handler.Attempts);
    }

    [Fact]
    public async Task Sign_in_operations_are_never_repeated_after_sending()
    {
        var handler = StubHttpHandler.Always(() => StubHttpHandler.Error("InternalErrorException", 500));
        var client = TestClients.For(handler);

        await Assert.ThrowsAsync<CognitoServiceException>(() => client.InitiateAuthAsync(new() { AuthFlow = AuthFlows.UserPasswordAuth, ClientId = "c" }, Token));
        await Assert.ThrowsAsync<CognitoServiceException>(() => client.RespondToAuthChallengeAsync(new() { ClientId = "c", ChallengeName = ChallengeNames.SoftwareTokenMfa }, Token));

        Assert.Equal(2, handler.Attempts);
    }

    [Fact]
    public async Task Non_idempotent_admin_writes_are_not_repeated_after_sending()
    {
        var handler = StubHttpHandler.Always(() => StubHttpHandler.Error("InternalErrorException", 500));
        var client = TestClients.For(handler);

        await Assert.ThrowsAsync<CognitoServiceException>(() => client.AdminDeleteSoftwareTokenAsync(new() { UserPoolId = "p", Username = "u" }, Token));
        await Assert.ThrowsAsync<CognitoServiceException>(() => client.GlobalSignOutAsync(new() { AccessToken = "t" }, Token));
        await Assert.ThrowsAsync<CognitoServiceException>(() => client.AdminCreateUserAsync(new() { UserPoolId = "p", Username = "u" }, Token));

        Assert.Equal(3, handler.Attempts);
    }

    [Fact]
    public async Task The_admin_global_sign_out_is_idempotent_and_retried_even_after_sending()
    {
        var handler = StubHttpHandler.Always(() => StubHttpHandler.Error("InternalErrorException", 500));
        await Assert.ThrowsAsync<CognitoServiceException>(() => TestClients.For(handler).AdminUserGlobalSignOutAsync(new() { UserPoolId = "p", Username = "u" }, Token));
        Assert.Equal(3, handler.Attempts);

        var timedOut = StubHttpHandler.Hangs();
        await Assert.ThrowsAsync<CognitoTransportException>(() =>
            TestClients.For(timedOut, attemptTimeout: TimeSpan.FromMilliseconds(50)).AdminUserGlobalSignOutAsync(new() { UserPoolId = "p", Username = "u" }, Token));
        Assert.Equal(3, timedOut.Attempts);
    }

    [Fact]
    public async Task Idempotent_admin_reads_are_retried()
    {
        var handler = StubHttpHandler.Always(() => StubHttpHandler.Error("InternalErrorException", 500));
        await Assert.ThrowsAsync<CognitoServiceException>(() => TestClients.For(handler).AdminListGroupsForUserAsync(new() { UserPoolId = "p", Username = "u" }, Token));
        Assert.Equal(3, handler.Attempts);
    }

    [Fact]
    public async Task Associate_is_retried_with_a_token_but_not_with_a_session()
    {
        var withToken = StubHttpHandler.Always(() => StubHttpHandler.Error("InternalErrorException", 500));
        await Assert.ThrowsAsync<EnrollmentException>(() => new CognitoUserPoolTotp(TestClients.For(withToken)).AssociateAsync(TotpCredential.AccessToken("t"), Token));
        Assert.Equal(3, withToken.Attempts);

        var withSession = StubHttpHandler.Always(() => StubHttpHandler.Error("InternalErrorException", 500));
        await Assert.ThrowsAsync<EnrollmentException>(() => new CognitoUserPoolTotp(TestClients.For(withSession)).AssociateAsync(TotpCredential.Session(new string('s', 40)), Token));
        Assert.Equal(1, withSession.Attempts);
    }

    [Fact]
    public async Task Client_errors_are_not_retried()
    {
        var handler = StubHttpHandler.Always(() => StubHttpHandler.Error("NotAuthorizedException"));
        var failure = await Assert.ThrowsAsync<EnrollmentException>(() => new CognitoUserPoolTotp(TestClients.For(handler)).GetUserAsync("t", Token));
        Assert.Equal(ErrorCode.Unauthorized, failure.Code);
        Assert.Equal(1, handler.Attempts);
    }

    [Fact]
    public async Task Throttled_reads_end_rate_limited_after_bounded_retries()
    {
        var handler = StubHttpHandler.Always(() => StubHttpHandler.Error("TooManyRequestsException"));
        var failure = await Assert.ThrowsAsync<EnrollmentException>(() => new CognitoUserPoolTotp(TestClients.For(handler)).GetUserAsync("t", Token));
        Assert.Equal(ErrorCode.RateLimited, failure.Code);
        Assert.Equal(3, handler.Attempts);
    }

    [Fact]
    public async Task Backoff_is_full_jitter_under_a_cap()
    {
        var delays = new List<TimeSpan>();
        var options = TestClients.Options(TestClients.AwsEndpoint, delays);
        var client = new CognitoIdentityProviderClient(
            new HttpClient(StubHttpHandler.Always(() => StubHttpHandler.Error("InternalErrorException", 500))),
            new CognitoClientOptions
            {
                Endpoint = options.Endpoint,
                Region = options.Region,
                RetryDelay = options.RetryDelay,
                Jitter = () => 0.5,
                RetryBaseDelay = TimeSpan.FromMilliseconds(400),
                RetryMaxDelay = TimeSpan.FromMilliseconds(600),
            });

        await Assert.ThrowsAsync<CognitoServiceException>(() => client.GetUserAsync(new() { AccessToken = "t" }, Token));

        // Half of min(600, 400 * 2^retry): 200 ms, then 300 ms (capped).
        Assert.Equal([TimeSpan.FromMilliseconds(200), TimeSpan.FromMilliseconds(300)], delays);
    }

    [Fact]
    public void More_than_two_retries_are_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() =>
            new CognitoIdentityProviderClient(new HttpClient(), TestClients.Options(TestClients.AwsEndpoint, maxRetries: 3)));
    }

    [Fact]
    public async Task Connection_refused_detection_also_reads_the_socket_error()
    {
        var handler = StubHttpHandler.Throws(() => new HttpRequestException("refused", new SocketException((int)SocketError.ConnectionRefused)));
        var failure = await Assert.ThrowsAsync<CognitoTransportException>(() => TestClients.For(handler).RespondToAuthChallengeAsync(new() { ClientId = "c", ChallengeName = "X" }, Token));
        Assert.Equal(CognitoTransportFailure.NotSent, failure.Failure);
        Assert.Equal(3, handler.Attempts);
    }
}
