using System.Net.Sockets;
using System.Net;
using Enrollment.Core.Errors;
using Enrollment.Core.UserPool;
using Enrollment.Infrastructure.Cognito;
using Enrollment.Infrastructure.Tests.Fakes;

namespace Enrollment.Infrastructure.Tests.Cognito;

/// <summary>Every Cognito failure the adapter can meet, and the public error it becomes (api.md).</summary>
public sealed class CognitoErrorMappingTests
{
    private CancellationToken Token => TestContext.Current.CancellationToken;

    private static CognitoUserPoolTotp Adapter(StubHttpHandler handler, TimeSpan? attemptTimeout = null) =>
        new(TestClients.For(handler, attemptTimeout: attemptTimeout));

    [Theory]
    [InlineData("EnableSoftwareTokenMFAException", ErrorCode.CodeMismatch)]
    [InlineData("CodeMismatchException", ErrorCode.CodeMismatch)]
    [InlineData("ExpiredCodeException", ErrorCode.CodeMismatch)]
    [InlineData("NotAuthorizedException", ErrorCode.Unauthorized)]
    [InlineData("ResourceNotFoundException", ErrorCode.Unauthorized)]
    [InlineData("UserNotFoundException", ErrorCode.Unauthorized)]
    [InlineData("UserNotConfirmedException", ErrorCode.Unauthorized)]
    [InlineData("PasswordResetRequiredException", ErrorCode.Unauthorized)]
    [InlineData("InvalidParameterException", ErrorCode.Unauthorized)]
    [InlineData("TooManyRequestsException", ErrorCode.RateLimited)]
    [InlineData("LimitExceededException", ErrorCode.RateLimited)]
    [InlineData("ConcurrentModificationException", ErrorCode.Conflict)]
    [InlineData("SoftwareTokenMFANotFoundException", ErrorCode.Conflict)]
    [InlineData("OperationNotEnabledException", ErrorCode.UpstreamError)]
    [InlineData("InvalidUserPoolConfigurationException", ErrorCode.UpstreamError)]
    [InlineData("ForbiddenException", ErrorCode.UpstreamError)]
    [InlineData("SomethingNewException", ErrorCode.UpstreamError)]
    public async Task Verify_errors_map_to_the_public_codes(string errorType, ErrorCode expected)
    {
        var adapter = Adapter(StubHttpHandler.Always(() => StubHttpHandler.Error(errorType)));

        var failure = await Assert.ThrowsAsync<EnrollmentException>(() =>
            adapter.VerifyAsync(TotpCredential.Session(new string('s', 40)), "123456", "Pixel", Token));

        Assert.Equal(expected, failure.Code);
    }

    [Fact]
    public async Task No_software_token_for_the_user_on_verify_is_a_conflict_that_says_associate_again()
    {
        // AWS: VerifySoftwareToken lists SoftwareTokenMFANotFoundException; for one user it means no token is
        // associated (never, or replaced, or removed since): "does not exist for the user".
        var adapter = Adapter(StubHttpHandler.Always(() => StubHttpHandler.Error("SoftwareTokenMFANotFoundException", 400, "Software Token MFA mfa does not exist for the user")));

        var failure = await Assert.ThrowsAsync<EnrollmentException>(() => adapter.VerifyAsync(TotpCredential.AccessToken("t"), "123456", null, Token));

        Assert.Equal(ErrorCode.Conflict, failure.Code);
        Assert.Equal(ErrorReasons.SoftwareTokenNotAssociated, failure.Reason);
        Assert.Contains("associate again", failure.Message);
        Assert.DoesNotContain("user pool", failure.Message);
    }

    [Fact]
    public async Task No_software_token_mfa_on_associate_is_the_pools_configuration()
    {
        var adapter = Adapter(StubHttpHandler.Always(() => StubHttpHandler.Error("SoftwareTokenMFANotFoundException")));
        var failure = await Assert.ThrowsAsync<EnrollmentException>(() => adapter.AssociateAsync(TotpCredential.AccessToken("t"), Token));
        Assert.Equal(ErrorCode.Conflict, failure.Code);
        Assert.Equal(ErrorReasons.SoftwareTokenMfaUnavailable, failure.Reason);
    }

    /// <summary>
    /// One map, two classes: the same error names on an IAM operation (AdminGetUser's documented errors, botocore's
    /// model) are about the target user or the pool, never the caller's token.
    /// </summary>
    [Theory]
    [InlineData("UserNotFoundException", ErrorCode.Unauthorized, ErrorCode.NotFound)]
    [InlineData("ResourceNotFoundException", ErrorCode.Unauthorized, ErrorCode.UpstreamError)]
    [InlineData("NotAuthorizedException", ErrorCode.Unauthorized, ErrorCode.UpstreamError)]
    [InlineData("InvalidParameterException", ErrorCode.Unauthorized, ErrorCode.UpstreamError)]
    [InlineData("TooManyRequestsException", ErrorCode.RateLimited, ErrorCode.RateLimited)]
    [InlineData("InternalErrorException", ErrorCode.UpstreamError, ErrorCode.UpstreamError)]
    public void The_same_error_name_means_the_caller_on_token_operations_and_the_target_on_IAM_operations(string type, ErrorCode onToken, ErrorCode onIam)
    {
        Assert.Equal(onToken, CognitoErrorMap.ToEnrollmentException(new CognitoServiceException("GetUser", type, 400)).Code);
        var iam = CognitoErrorMap.ToEnrollmentException(new CognitoServiceException("AdminGetUser", type, 400));
        Assert.Equal(onIam, iam.Code);
        Assert.NotEqual(UserPoolFailures.UnauthorizedMessage, iam.Message);
    }

    [Fact]
    public void A_bare_429_is_throttling()
    {
        var failure = CognitoErrorMap.ToEnrollmentException(new CognitoServiceException("GetUser", "UnknownError", 429));
        Assert.Equal(ErrorCode.RateLimited, failure.Code);
        Assert.Equal(UserPoolFailures.ThrottledRetryAfterSeconds, failure.RetryAfterSeconds);
    }

    [Fact]
    public async Task Internal_error_is_upstream()
    {
        var adapter = Adapter(StubHttpHandler.Always(() => StubHttpHandler.Error("InternalErrorException", 500)));
        var failure = await Assert.ThrowsAsync<EnrollmentException>(() => adapter.AssociateAsync(TotpCredential.AccessToken("t"), Token));
        Assert.Equal(ErrorCode.UpstreamError, failure.Code);
        Assert.Equal(UserPoolFailures.UpstreamMessage, failure.Message);
    }

    [Theory]
    [InlineData("TooManyRequestsException", UserPoolFailures.ThrottledRetryAfterSeconds)]
    [InlineData("LimitExceededException", UserPoolFailures.LimitExceededRetryAfterSeconds)]
    public async Task Throttling_carries_a_retry_after(string errorType, int seconds)
    {
        var adapter = Adapter(StubHttpHandler.Always(() => StubHttpHandler.Error(errorType)));
        var failure = await Assert.ThrowsAsync<EnrollmentException>(() => adapter.AssociateAsync(TotpCredential.AccessToken("t"), Token));
        Assert.Equal(ErrorCode.RateLimited, failure.Code);
        Assert.Equal(seconds, failure.RetryAfterSeconds);
        Assert.InRange(seconds, 1, 5);
    }

    [Fact]
    public async Task Preferring_an_unverified_token_is_a_conflict()
    {
        var adapter = Adapter(StubHttpHandler.Always(() => StubHttpHandler.Error("InvalidParameterException")));
        var failure = await Assert.ThrowsAsync<EnrollmentException>(() => adapter.SetSoftwareTokenPreferredAsync("t", Token));
        Assert.Equal(ErrorCode.Conflict, failure.Code);
        Assert.Equal(ErrorReasons.SoftwareTokenNotVerified, failure.Reason);
    }

    [Fact]
    public async Task Status_error_is_a_wrong_code()
    {
        var adapter = Adapter(StubHttpHandler.Always(() => StubHttpHandler.Ok("""{"Status":"ERROR"}""")));
        var failure = await Assert.ThrowsAsync<EnrollmentException>(() => adapter.VerifyAsync(TotpCredential.AccessToken("t"), "123456", null, Token));
        Assert.Equal(ErrorCode.CodeMismatch, failure.Code);
        Assert.Equal("The code is wrong or expired.", failure.Message);
    }

    [Fact]
    public async Task Verify_answer_without_a_status_is_upstream()
    {
        var adapter = Adapter(StubHttpHandler.Always(() => StubHttpHandler.Ok("{}")));
        var failure = await Assert.ThrowsAsync<EnrollmentException>(() => adapter.VerifyAsync(TotpCredential.AccessToken("t"), "123456", null, Token));
        Assert.Equal(ErrorCode.UpstreamError, failure.Code);
    }

    [Theory]
    [InlineData("CodeMismatchException:http://internal.amazon.com/coral/com.amazonaws.cognito/", "{}", "CodeMismatchException")]
    [InlineData(null, """{"__type":"com.amazonaws.cognito.identity.idp.model#NotAuthorizedException","message":"x"}""", "NotAuthorizedException")]
    [InlineData(null, """{"__type":"aws.cognito#TooManyRequestsException:suffix","message":"x"}""", "TooManyRequestsException")]
    [InlineData(null, """{"code":"LimitExceededException"}""", "LimitExceededException")]
    [InlineData("<script>alert(1)</script>", """{"__type":"ConcurrentModificationException"}""", "ConcurrentModificationException")]
    [InlineData(null, "<html>bad gateway</html>", "UnknownError")]
    [InlineData(null, "", "UnknownError")]
    public async Task Error_type_is_read_from_header_or_body(string? header, string body, string expected)
    {
        var handler = StubHttpHandler.Always(() => header is null
            ? StubHttpHandler.Json(HttpStatusCode.BadRequest, body)
            : StubHttpHandler.Json(HttpStatusCode.BadRequest, body, ("X-Amzn-ErrorType", header)));
        var client = TestClients.For(handler);

        var failure = await Assert.ThrowsAsync<CognitoServiceException>(() =>
            client.VerifySoftwareTokenAsync(new() { AccessToken = "t", UserCode = "123456" }, Token));

        Assert.Equal(expected, failure.ErrorType);
        Assert.Equal(400, failure.StatusCode);
        Assert.Equal("VerifySoftwareToken", failure.Operation);
    }

    [Fact]
    public async Task Header_wins_over_body_and_request_id_is_kept()
    {
        var handler = StubHttpHandler.Always(() => StubHttpHandler.Json(HttpStatusCode.BadRequest, """{"__type":"NotAuthorizedException"}""",
            ("X-Amzn-ErrorType", "CodeMismatchException"), ("x-amzn-RequestId", "req-123")));
        var failure = await Assert.ThrowsAsync<CognitoServiceException>(() =>
            TestClients.For(handler).VerifySoftwareTokenAsync(new() { AccessToken = "t", UserCode = "123456" }, Token));
        Assert.Equal("CodeMismatchException", failure.ErrorType);
        Assert.Equal("req-123", failure.RequestId);
    }

    [Fact]
    public async Task Html_500_is_upstream()
    {
        var handler = StubHttpHandler.Always(() => StubHttpHandler.Json(HttpStatusCode.InternalServerError, "<html>oops</html>"));
        var failure = await Assert.ThrowsAsync<EnrollmentException>(() => Adapter(handler).GetUserAsync("t", Token));
        Assert.Equal(ErrorCode.UpstreamError, failure.Code);
    }

    [Fact]
    public async Task Timeout_is_upstream()
    {
        var handler = StubHttpHandler.Hangs();
        var failure = await Assert.ThrowsAsync<EnrollmentException>(() =>
            Adapter(handler, TimeSpan.FromMilliseconds(50)).VerifyAsync(TotpCredential.AccessToken("t"), "123456", null, Token));
        Assert.Equal(ErrorCode.UpstreamError, failure.Code);
    }

    [Fact]
    public async Task Connection_refused_is_upstream()
    {
        var handler = StubHttpHandler.Throws(ConnectionRefused);
        var failure = await Assert.ThrowsAsync<EnrollmentException>(() => Adapter(handler).AssociateAsync(TotpCredential.Session(new string('s', 40)), Token));
        Assert.Equal(ErrorCode.UpstreamError, failure.Code);
    }

    [Fact]
    public async Task Missing_credential_is_unauthorized_without_a_call()
    {
        var handler = StubHttpHandler.Always(() => StubHttpHandler.Ok());
        var adapter = Adapter(handler);
        Assert.Equal(ErrorCode.Unauthorized, (await Assert.ThrowsAsync<EnrollmentException>(() => adapter.GetUserAsync("", Token))).Code);
        Assert.Equal(ErrorCode.Unauthorized, (await Assert.ThrowsAsync<EnrollmentException>(() => adapter.AssociateAsync(TotpCredential.Session(" "), Token))).Code);
        Assert.Empty(handler.Requests);
    }

    [Fact]
    public async Task Caller_cancellation_is_not_turned_into_an_error_code()
    {
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(Token);
        var handler = new StubHttpHandler(async (_, _, token) =>
        {
            await cancel.CancelAsync();
            await Task.Delay(Timeout.Infinite, token);
            throw new InvalidOperationException("unreachable");
        });

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Adapter(handler).GetUserAsync("t", cancel.Token));
        Assert.Single(handler.Requests);
    }

    [Fact]
    public async Task Get_user_reads_sub_and_totp_state()
    {
        const string body = """
            {"Username":"alice","UserAttributes":[{"Name":"email","Value":"a@example.com"},{"Name":"sub","Value":"sub-1"}],
             "UserMFASettingList":["SMS_MFA","SOFTWARE_TOKEN_MFA"],"PreferredMfaSetting":"SOFTWARE_TOKEN_MFA"}
            """;
        var user = await Adapter(StubHttpHandler.Always(() => StubHttpHandler.Ok(body))).GetUserAsync("t", Token);
        Assert.Equal(new UserPoolUser("alice", "sub-1", true, "SOFTWARE_TOKEN_MFA"), user);

        var bare = await Adapter(StubHttpHandler.Always(() => StubHttpHandler.Ok("""{"Username":"bob","UserAttributes":[],"PreferredMfaSetting":""}"""))).GetUserAsync("t", Token);
        Assert.Equal(new UserPoolUser("bob", null, false, null), bare);
    }

    [Fact]
    public async Task Session_path_hands_back_the_newest_session()
    {
        var handler = new StubHttpHandler((attempt, _, _) => Task.FromResult(attempt == 0
            ? StubHttpHandler.Ok("""{"SecretCode":"JBSWY3DPEHPK3PXP"}""")
            : StubHttpHandler.Ok("""{"Status":"SUCCESS","Session":"next-session"}""")));
        var adapter = Adapter(handler);
        var original = new string('s', 40);

        var association = await adapter.AssociateAsync(TotpCredential.Session(original), Token);
        Assert.Equal(original, association.Session);
        var verification = await adapter.VerifyAsync(TotpCredential.Session(original), "123456", "  ", Token);
        Assert.Equal("next-session", verification.Session);
        Assert.Equal($$"""{"Session":"{{original}}","UserCode":"123456"}""", handler.Requests[1].Body);
    }

    internal static HttpRequestException ConnectionRefused() =>
        new(HttpRequestError.ConnectionError, "Connection refused (cognito-idp.us-east-1.amazonaws.com:443)", new SocketException((int)SocketError.ConnectionRefused));
}
