using System.Text.Json;
using Enrollment.Infrastructure.Cognito;
using Enrollment.Infrastructure.Cognito.Model;
using Enrollment.Local.Cognito;
using Enrollment.Infrastructure.Tests.Fakes;

namespace Enrollment.Infrastructure.Tests.Cognito;

/// <summary>What goes over the wire: JSON 1.1 headers, PascalCase bodies without nulls, SigV4 only where needed.</summary>
public sealed class CognitoWireFormatTests
{
    private CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Token_operations_are_json_1_1_posts_without_signature()
    {
        var handler = StubHttpHandler.Always(() => StubHttpHandler.Ok("""{"Status":"SUCCESS"}"""));
        var client = TestClients.For(handler);

        await client.VerifySoftwareTokenAsync(new VerifySoftwareTokenRequest { AccessToken = "tok", UserCode = "123456" }, Token);

        var sent = Assert.Single(handler.Requests);
        Assert.Equal(HttpMethod.Post, sent.Method);
        Assert.Equal(TestClients.AwsEndpoint, sent.Uri);
        Assert.Equal("application/x-amz-json-1.1", sent.ContentType);
        Assert.Equal("AWSCognitoIdentityProviderService.VerifySoftwareToken", sent.Target);
        Assert.Null(sent.Authorization);
        Assert.Equal("""{"AccessToken":"tok","UserCode":"123456"}""", sent.Body);
    }

    [Fact]
    public async Task Nested_settings_keep_their_wire_names()
    {
        var handler = StubHttpHandler.Always(() => StubHttpHandler.Ok());
        var client = TestClients.For(handler);

        await client.SetUserMfaPreferenceAsync(new SetUserMfaPreferenceRequest
        {
            AccessToken = "tok",
            SoftwareTokenMfaSettings = new MfaPreferenceSettings { Enabled = true, PreferredMfa = true },
        }, Token);

        var sent = Assert.Single(handler.Requests);
        Assert.Equal("AWSCognitoIdentityProviderService.SetUserMFAPreference", sent.Target);
        Assert.Equal("""{"AccessToken":"tok","SoftwareTokenMfaSettings":{"Enabled":true,"PreferredMfa":true}}""", sent.Body);
    }

    [Fact]
    public async Task Iam_operations_are_signed_with_sigv4_for_cognito_idp()
    {
        var handler = StubHttpHandler.Always(() => StubHttpHandler.Ok("""{"Username":"alice","UserStatus":"CONFIRMED","UserCreateDate":1700000000.5}"""));
        var client = TestClients.For(handler);

        var user = await client.AdminGetUserAsync(new AdminGetUserRequest { UserPoolId = "us-east-1_pool", Username = "alice" }, Token);

        Assert.Equal("alice", user.Username);
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1_700_000_000_500), user.UserCreateDate);
        var sent = Assert.Single(handler.Requests);
        Assert.Equal("application/x-amz-json-1.1", sent.ContentType);
        Assert.NotNull(sent.Authorization);
        Assert.StartsWith($"AWS4-HMAC-SHA256 Credential={TestClients.AccessKey}/", sent.Authorization);
        Assert.Contains("/us-east-1/cognito-idp/aws4_request", sent.Authorization);
        // The JSON 1.1 headers we send must be the ones signed.
        Assert.Contains("SignedHeaders=content-type;host;", sent.Authorization);
        Assert.Contains("x-amz-date", sent.Authorization);
        Assert.Contains("x-amz-target", sent.Authorization);
        Assert.True(sent.Headers.ContainsKey("X-Amz-Date"));
    }

    [Fact]
    public async Task Admin_delete_software_token_follows_the_api_reference_shape()
    {
        // Not in the botocore model on this machine nor in moto: the shape comes from the API reference.
        var handler = StubHttpHandler.Always(() => StubHttpHandler.Ok());
        await TestClients.For(handler).AdminDeleteSoftwareTokenAsync(new AdminDeleteSoftwareTokenRequest { UserPoolId = "us-east-1_pool", Username = "alice" }, Token);

        var sent = Assert.Single(handler.Requests);
        Assert.Equal("AWSCognitoIdentityProviderService.AdminDeleteSoftwareToken", sent.Target);
        Assert.Equal("""{"UserPoolId":"us-east-1_pool","Username":"alice"}""", sent.Body);
        Assert.StartsWith("AWS4-HMAC-SHA256 ", sent.Authorization);
    }

    [Fact]
    public async Task Iam_operation_without_a_signer_is_a_wiring_error()
    {
        var handler = StubHttpHandler.Always(() => StubHttpHandler.Ok());
        var client = new CognitoIdentityProviderClient(new HttpClient(handler), TestClients.Options(TestClients.AwsEndpoint));

        await Assert.ThrowsAsync<InvalidOperationException>(() => client.AdminGetUserAsync(new AdminGetUserRequest { UserPoolId = "p", Username = "u" }, Token));
        Assert.Empty(handler.Requests);
    }

    [Fact]
    public async Task Challenge_parameters_are_read_leniently()
    {
        const string body = """
            {"ChallengeName":"MFA_SETUP","Session":"s","ChallengeParameters":
              {"MFAS_CAN_SETUP":["SOFTWARE_TOKEN_MFA"],"COUNT":5,"FLAG":true,"NOTHING":null,"NESTED":{"a":1},"TEXT":"plain"}}
            """;
        var handler = StubHttpHandler.Always(() => StubHttpHandler.Ok(body));
        var client = TestClients.For(handler);

        var response = await client.InitiateAuthAsync(new InitiateAuthRequest { AuthFlow = AuthFlows.UserPasswordAuth, ClientId = "c" }, Token);

        var parameters = Assert.IsAssignableFrom<IReadOnlyDictionary<string, string>>(response.ChallengeParameters);
        Assert.Equal(["SOFTWARE_TOKEN_MFA"], JsonSerializer.Deserialize(parameters[ChallengeKeys.MfasCanSetup], TestJson.Default.StringArray)!);
        Assert.Equal("5", parameters["COUNT"]);
        Assert.Equal("true", parameters["FLAG"]);
        Assert.False(parameters.ContainsKey("NOTHING"));
        Assert.Equal("""{"a":1}""", parameters["NESTED"]);
        Assert.Equal("plain", parameters["TEXT"]);
    }

    [Fact]
    public async Task Unknown_response_members_are_ignored_and_empty_bodies_accepted()
    {
        var handler = new StubHttpHandler((attempt, _, _) => Task.FromResult(attempt == 0
            ? StubHttpHandler.Ok("""{"SecretCode":"ABC","Future":{"x":[1,2]},"Session":null}""")
            : StubHttpHandler.Ok("")));
        var client = TestClients.For(handler);

        var associated = await client.AssociateSoftwareTokenAsync(new AssociateSoftwareTokenRequest { AccessToken = "t" }, Token);
        Assert.Equal("ABC", associated.SecretCode);
        Assert.Null(associated.Session);

        var user = await client.GetUserAsync(new GetUserRequest { AccessToken = "t" }, Token);
        Assert.Null(user.Username);
    }

    [Fact]
    public async Task Unreadable_success_body_is_an_invalid_response()
    {
        var handler = StubHttpHandler.Always(() => StubHttpHandler.Ok("<html>proxy page</html>"));
        var client = TestClients.For(handler);

        var failure = await Assert.ThrowsAsync<CognitoTransportException>(() => client.GetUserAsync(new GetUserRequest { AccessToken = "t" }, Token));
        Assert.Equal(CognitoTransportFailure.InvalidResponse, failure.Failure);
        Assert.Null(failure.InnerException);
        Assert.Single(handler.Requests);
    }
}
