using System.Net;
using Enrollment.Core.UserPool;
using Enrollment.Infrastructure.Cognito.Model;
using Enrollment.Local.Cognito;
using Enrollment.Infrastructure.Cognito;
using Enrollment.Infrastructure.Tests.Fakes;

namespace Enrollment.Infrastructure.Tests.Cognito;

/// <summary>
/// Secrets, sessions, tokens, codes and passwords never show in an exception message, an exception's
/// ToString, or a record's ToString, even when the service echoes them back in its error message.
/// </summary>
public sealed class CognitoSensitiveDataTests
{
    private const string Secret = "SENTINELSECRETBASE32XYZ";
    private const string AccessToken = "sentinel-access-token.eyJhbGciOi";
    private const string Session = "sentinel-session-0123456789abcdefghij";
    private const string NextSession = "sentinel-next-session-9876543210zyx";
    private const string Code = "864209";
    private const string Password = "Sentinel-Password-1!";
    private const string IdToken = "sentinel-id-token";
    private const string RefreshToken = "sentinel-refresh-token";
    private const string ClientSecret = "sentinel-client-secret";
    private const string Email = "sentinel@example.com";

    private static readonly string[] Sensitive = [Secret, AccessToken, Session, NextSession, Code, Password, IdToken, RefreshToken, ClientSecret, Email];

    private CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public void Records_never_print_sensitive_values()
    {
        object[] records =
        [
            new AssociateSoftwareTokenRequest { AccessToken = AccessToken },
            new AssociateSoftwareTokenRequest { Session = Session },
            new AssociateSoftwareTokenResponse { SecretCode = Secret, Session = NextSession },
            new VerifySoftwareTokenRequest { Session = Session, UserCode = Code, FriendlyDeviceName = "Pixel" },
            new VerifySoftwareTokenResponse { Status = "SUCCESS", Session = NextSession },
            new SetUserMfaPreferenceRequest { AccessToken = AccessToken, SoftwareTokenMfaSettings = new() { Enabled = true } },
            new GetUserRequest { AccessToken = AccessToken },
            new GetUserResponse { Username = "alice", UserAttributes = [new UserAttribute { Name = "email", Value = Email }] },
            new UserAttribute { Name = "email", Value = Email },
            new GlobalSignOutRequest { AccessToken = AccessToken },
            new InitiateAuthRequest { AuthFlow = AuthFlows.UserPasswordAuth, ClientId = "c", AuthParameters = new Dictionary<string, string> { ["USERNAME"] = "alice", ["PASSWORD"] = Password } },
            new InitiateAuthResponse { ChallengeName = "X", Session = Session, AuthenticationResult = Tokens() },
            new RespondToAuthChallengeRequest { ClientId = "c", ChallengeName = "SOFTWARE_TOKEN_MFA", Session = Session, ChallengeResponses = new Dictionary<string, string> { ["SOFTWARE_TOKEN_MFA_CODE"] = Code } },
            new RespondToAuthChallengeResponse { Session = NextSession, AuthenticationResult = Tokens() },
            Tokens(),
            new AdminGetUserResponse { Username = "alice", UserAttributes = [new UserAttribute { Name = "email", Value = Email }] },
            new AdminCreateUserRequest { UserPoolId = "p", Username = "alice", TemporaryPassword = Password },
            new AdminSetUserPasswordRequest { UserPoolId = "p", Username = "alice", Password = Password, Permanent = true },
            new UserPoolClientDescription { ClientId = "c", ClientSecret = ClientSecret },
            new CreateUserPoolClientResponse { UserPoolClient = new UserPoolClientDescription { ClientId = "c", ClientSecret = ClientSecret } },
            new CognitoUser { Username = "alice", Attributes = [new UserAttribute { Name = "email", Value = Email }] },
            new TotpAssociation(Secret, Session),
            new TotpVerification(true, Session),
            TotpCredential.Session(Session),
        ];

        foreach (var record in records) AssertClean(record.ToString());
    }

    [Fact]
    public async Task Service_messages_that_echo_secrets_do_not_reach_exceptions()
    {
        var echo = string.Join(" ", Sensitive);
        var handler = StubHttpHandler.Always(() => StubHttpHandler.Json(HttpStatusCode.BadRequest,
            $$"""{"__type":"CodeMismatchException","message":"Code mismatch ({{echo}})"}"""));
        var client = TestClients.For(handler);
        var adapter = new CognitoUserPoolTotp(client);

        var raw = await Assert.ThrowsAsync<CognitoServiceException>(() =>
            client.VerifySoftwareTokenAsync(new VerifySoftwareTokenRequest { Session = Session, UserCode = Code, FriendlyDeviceName = Email }, Token));
        AssertClean(raw.Message);
        AssertClean(raw.ToString());

        var mapped = await Assert.ThrowsAsync<Core.Errors.EnrollmentException>(() =>
            adapter.VerifyAsync(TotpCredential.Session(Session), Code, Email, Token));
        AssertClean(mapped.Message);
        AssertClean(mapped.ToString());

        // The values were really sent: the test would notice if they were dropped instead of kept out of messages.
        Assert.Contains(Session, handler.Requests[0].Body);
        Assert.Contains(Code, handler.Requests[0].Body);
    }

    [Fact]
    public async Task Transport_failures_do_not_carry_request_content()
    {
        var timeout = await Assert.ThrowsAsync<CognitoTransportException>(() =>
            TestClients.For(StubHttpHandler.Hangs(), attemptTimeout: TimeSpan.FromMilliseconds(20))
                .VerifySoftwareTokenAsync(new VerifySoftwareTokenRequest { AccessToken = AccessToken, UserCode = Code }, Token));
        AssertClean(timeout.ToString());

        var invalid = await Assert.ThrowsAsync<CognitoTransportException>(() =>
            TestClients.For(StubHttpHandler.Always(() => StubHttpHandler.Ok($"not json {Secret} {Session}")))
                .AssociateSoftwareTokenAsync(new AssociateSoftwareTokenRequest { Session = Session }, Token));
        AssertClean(invalid.ToString());

        var refused = await Assert.ThrowsAsync<CognitoTransportException>(() =>
            TestClients.For(StubHttpHandler.Throws(CognitoErrorMappingTests.ConnectionRefused))
                .RespondToAuthChallengeAsync(new RespondToAuthChallengeRequest { ClientId = "c", ChallengeName = "SOFTWARE_TOKEN_MFA", Session = Session, ChallengeResponses = new Dictionary<string, string> { ["SOFTWARE_TOKEN_MFA_CODE"] = Code } }, Token));
        AssertClean(refused.ToString());
    }

    [Fact]
    public async Task Successful_answers_leave_no_secret_in_the_port_results_text()
    {
        var handler = new StubHttpHandler((attempt, _, _) => Task.FromResult(attempt == 0
            ? StubHttpHandler.Ok($$"""{"SecretCode":"{{Secret}}","Session":"{{NextSession}}"}""")
            : StubHttpHandler.Ok($$"""{"Status":"SUCCESS","Session":"{{NextSession}}"}""")));
        var adapter = new CognitoUserPoolTotp(TestClients.For(handler));

        var association = await adapter.AssociateAsync(TotpCredential.Session(Session), Token);
        var verification = await adapter.VerifyAsync(TotpCredential.Session(Session), Code, null, Token);

        Assert.Equal(Secret, association.SecretCode);
        Assert.Equal(NextSession, verification.Session);
        AssertClean(association.ToString());
        AssertClean(verification.ToString());
    }

    private static AuthenticationResult Tokens() => new() { AccessToken = AccessToken, IdToken = IdToken, RefreshToken = RefreshToken, ExpiresIn = 3600, TokenType = "Bearer" };

    private static void AssertClean(string? text)
    {
        Assert.NotNull(text);
        foreach (var value in Sensitive) Assert.DoesNotContain(value, text, StringComparison.Ordinal);
    }
}
