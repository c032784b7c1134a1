using System.Text;
using Enrollment.Core.Errors;
using Enrollment.Infrastructure.Cognito;
using Enrollment.Infrastructure.Tests.Fakes;

namespace Enrollment.Infrastructure.Tests.Cognito;

/// <summary>
/// Finishing MFA_SETUP on the server: the request Cognito gets, who the tokens name, and every answer that is not usable
/// tokens becoming a 4xx (or 502 for a malformed answer) with our own message, never Cognito's.
/// </summary>
public sealed class CognitoMfaSetupCompletionTests
{
    private const string Pool = "us-east-1_Abc123";
    private const string Issuer = "https://cognito-idp.us-east-1.amazonaws.com/" + Pool;
    private const string Session = "session-of-mfa-setup-0123456789";
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static string Jwt(string payloadJson) =>
        "eyJhbGciOiJSUzI1NiJ9." + Convert.ToBase64String(Encoding.UTF8.GetBytes(payloadJson)).TrimEnd('=').Replace('+', '-').Replace('/', '_') + ".c2lnbmF0dXJl";

    private static string Tokens(string access, string id) =>
        $$$"""{"AuthenticationResult":{"AccessToken":"{{{access}}}","IdToken":"{{{id}}}","RefreshToken":"refresh-1","ExpiresIn":3600,"TokenType":"Bearer"},"ChallengeParameters":{}}""";

    private static readonly string Access = Jwt($$"""{"iss":"{{Issuer}}","sub":"sub-1","client_id":"client-1","token_use":"access","username":"jane"}""");
    private static readonly string Id = Jwt($$"""{"iss":"{{Issuer}}","sub":"sub-1","aud":"client-1","token_use":"id","cognito:username":"jane","custom:tenant_id":"acme"}""");

    private static CognitoMfaSetupCompletion Adapter(StubHttpHandler handler) => new(TestClients.For(handler), () => Pool);

    [Fact]
    public async Task Sends_mfa_setup_with_the_client_username_and_session_and_reads_who_the_tokens_name()
    {
        var handler = StubHttpHandler.Always(() => StubHttpHandler.Ok(Tokens(Access, Id)));
        var adapter = Adapter(handler);

        var completed = await adapter.CompleteAsync("client-1", "jane", Session, Token);

        Assert.Equal(Issuer, adapter.TrustedIssuer);
        Assert.Equal(new Core.Identity.TokenIdentity(Issuer, "client-1", "sub-1", "jane", "acme"), completed.Identity);
        Assert.Equal((Access, Id, "refresh-1", 3600, "Bearer"), (completed.Tokens.AccessToken, completed.Tokens.IdToken, completed.Tokens.RefreshToken, completed.Tokens.ExpiresIn, completed.Tokens.TokenType));
        var request = Assert.Single(handler.Requests);
        Assert.Equal("AWSCognitoIdentityProviderService.RespondToAuthChallenge", request.Target);
        Assert.Contains("\"ChallengeName\":\"MFA_SETUP\"", request.Body);
        Assert.Contains("\"ClientId\":\"client-1\"", request.Body);
        Assert.Contains("\"USERNAME\":\"jane\"", request.Body);
        Assert.Null(request.Authorization); // a public API: no IAM signature
        Assert.DoesNotContain(Access, completed.ToString());
    }

    [Theory]
    [InlineData("NotAuthorizedException")]   // an expired session, or a client with a secret and no SECRET_HASH
    [InlineData("ResourceNotFoundException")] // a session or client this endpoint does not know
    public async Task A_refused_session_or_a_client_with_a_secret_is_401_saying_both_and_is_sent_once(string error)
    {
        var handler = StubHttpHandler.Always(() => StubHttpHandler.Error(error, message: "Unable to verify secret hash for client client-1"));

        var failure = await Assert.ThrowsAsync<EnrollmentException>(() => Adapter(handler).CompleteAsync("client-1", "jane", Session, Token));

        Assert.Equal((ErrorCode.Unauthorized, ErrorReasons.MfaSetupNotCompleted), (failure.Code, failure.Reason));
        Assert.Contains("client secret", failure.Message);
        Assert.DoesNotContain("Unable to verify", failure.Message);
        Assert.Equal(1, handler.Attempts);
    }

    [Fact]
    public async Task Another_challenge_instead_of_tokens_is_a_409_naming_it()
    {
        var handler = StubHttpHandler.Always(() => StubHttpHandler.Ok("""{"ChallengeName":"SOFTWARE_TOKEN_MFA","Session":"next-session-0123456789","ChallengeParameters":{}}"""));

        var failure = await Assert.ThrowsAsync<EnrollmentException>(() => Adapter(handler).CompleteAsync("client-1", "jane", Session, Token));

        Assert.Equal((ErrorCode.Conflict, ErrorReasons.UnexpectedChallenge), (failure.Code, failure.Reason));
        Assert.Contains("SOFTWARE_TOKEN_MFA", failure.Message);
        Assert.DoesNotContain("next-session", failure.Message);
    }

    [Fact]
    public async Task A_sign_in_trigger_that_refuses_is_403()
    {
        var handler = StubHttpHandler.Always(() => StubHttpHandler.Error("UserLambdaValidationException", message: "PreTokenGeneration failed with error tenant"));
        var failure = await Assert.ThrowsAsync<EnrollmentException>(() => Adapter(handler).CompleteAsync("client-1", "jane", Session, Token));
        Assert.Equal((ErrorCode.PolicyDenied, ErrorReasons.SignInRefused), (failure.Code, failure.Reason));
    }

    public static TheoryData<string, string> UnusableTokens => new()
    {
        { "not-a-jwt", Id },
        { Access, "not-a-jwt" },
        { Jwt($$"""{"iss":"{{Issuer}}","sub":"sub-1","client_id":"client-1","token_use":"id"}"""), Id },
        { Access, Jwt($$"""{"iss":"{{Issuer}}","sub":"sub-2","aud":"client-1"}""") },
        { Access, Jwt($$"""{"iss":"https://cognito-idp.us-east-1.amazonaws.com/us-east-1_Other","sub":"sub-1","aud":"client-1"}""") },
        { Access, Jwt($$"""{"iss":"{{Issuer}}","sub":"sub-1","aud":"client-2"}""") },
    };

    [Theory]
    [MemberData(nameof(UnusableTokens))]
    public async Task Tokens_that_are_not_jwts_or_disagree_with_each_other_are_upstream_errors(string access, string id)
    {
        var handler = StubHttpHandler.Always(() => StubHttpHandler.Ok(Tokens(access, id)));
        var failure = await Assert.ThrowsAsync<EnrollmentException>(() => Adapter(handler).CompleteAsync("client-1", "jane", Session, Token));
        Assert.Equal(ErrorCode.UpstreamError, failure.Code);
    }

    [Fact]
    public void The_tenant_comes_from_the_binding_or_the_claim_pre_token_generation_writes()
    {
        Assert.Equal("acme", JwtPayloadClaims.Read(Id)!["custom:tenant_id"]);
        Assert.Null(JwtPayloadClaims.Read("a.b"));
        Assert.Null(JwtPayloadClaims.Read("a.!!!.c"));
        Assert.Null(JwtPayloadClaims.Read("a." + Convert.ToBase64String("[1]"u8.ToArray()) + ".c"));
    }
}
