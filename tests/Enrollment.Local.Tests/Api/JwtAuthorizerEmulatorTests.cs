using System.Security.Cryptography;
using Enrollment.Local.Api;
using Enrollment.Testing;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Enrollment.Local.Tests.Api;

/// <summary>The emulated JWT authorizer against tokens signed here, on a clock the test sets.</summary>
public sealed class JwtAuthorizerEmulatorTests
{
    private const string Issuer = "https://cognito-idp.us-east-1.amazonaws.com/us-east-1_test";
    private const string Client = "client-a";
    private static readonly string[] Scoped = ["aws.cognito.signin.user.admin"];
    private static readonly DateTimeOffset Now = new(2026, 11, 22, 10, 0, 0, TimeSpan.Zero);

    private readonly TestClock _time = new(Now);
    private readonly StaticKeys _keys = new([TestTokens.Key]);

    private JwtAuthorizerEmulator Authorizer(bool verify = true, IJwksSource? keys = null) =>
        new(new JwtAuthorizerSettings("Jwt", "$request.header.Authorization", Issuer, [Client, "client-b"], null, verify), keys ?? _keys, _time);

    private Task<AuthorizerResult> Authorize(string? identity, IReadOnlyList<string>? scopes = null, JwtAuthorizerEmulator? authorizer = null) =>
        (authorizer ?? Authorizer()).AuthorizeAsync(identity, scopes ?? Scoped, TestContext.Current.CancellationToken);

    private static string Token(IDictionary<string, object>? claims = null, SecurityKey? key = null) => TestTokens.Access(Issuer, Client, Now, claims, key);

    [Fact]
    public async Task A_valid_access_token_passes_with_its_claims_as_strings_the_way_API_Gateway_renders_them()
    {
        var result = await Authorize("Bearer " + Token(new Dictionary<string, object>
        {
            ["cognito:groups"] = new[] { "admins", "users" },
            ["email_verified"] = true,
            ["tenant_id"] = "acme",
        }));

        Assert.True(result.IsAuthorized, result.ErrorDescription);
        Assert.Equal(Client, result.Claims["client_id"]);
        Assert.Equal("[admins users]", result.Claims["cognito:groups"]);
        Assert.Equal("true", result.Claims["email_verified"]);
        Assert.Equal(Now.AddHours(1).ToUnixTimeSeconds().ToString(), result.Claims["exp"]);
        Assert.Equal(Scoped, result.Scopes);
    }

    [Fact]
    public async Task The_token_may_come_without_the_Bearer_prefix_as_API_Gateway_accepts_it()
    {
        Assert.True((await Authorize(Token())).IsAuthorized);
    }

    [Theory]
    [InlineData(null, "no token in the identity source")]
    [InlineData("", "no token in the identity source")]
    [InlineData("Bearer ", "no token in the identity source")]
    [InlineData("Bearer abc", "the token is malformed")]
    [InlineData("Bearer a.b.c", "the token is malformed")]
    public async Task Missing_and_malformed_tokens_are_refused(string? identity, string description)
    {
        var result = await Authorize(identity);

        Assert.False(result.IsAuthorized);
        Assert.Equal("invalid_token", result.Error);
        Assert.Equal(description, result.ErrorDescription);
    }

    [Fact]
    public async Task An_expired_token_is_refused_on_the_authorizers_clock()
    {
        var token = Token();
        Assert.True((await Authorize(token)).IsAuthorized);

        _time.Now = Now.AddHours(1);

        var result = await Authorize(token);
        Assert.False(result.IsAuthorized);
        Assert.Equal("the token has expired", result.ErrorDescription);
    }

    [Fact]
    public async Task Not_before_and_issued_at_in_the_future_are_refused()
    {
        Assert.Equal("the token is not valid yet", (await Authorize(Token(new Dictionary<string, object> { ["nbf"] = Now.AddMinutes(5).ToUnixTimeSeconds() }))).ErrorDescription);
        Assert.Equal("the token was issued in the future", (await Authorize(Token(new Dictionary<string, object> { ["iat"] = Now.AddMinutes(5).ToUnixTimeSeconds() }))).ErrorDescription);
    }

    [Fact]
    public async Task Another_issuer_is_refused()
    {
        var result = await Authorize(Token(new Dictionary<string, object> { ["iss"] = "https://cognito-idp.us-east-1.amazonaws.com/us-east-1_other" }));

        Assert.Equal("the token does not have a valid issuer", result.ErrorDescription);
    }

    [Fact]
    public async Task A_client_outside_the_audience_is_refused_with_the_wording_AWS_documents()
    {
        var result = await Authorize(Token(new Dictionary<string, object> { ["client_id"] = "client-z" }));

        Assert.Equal("the token does not have a valid audience", result.ErrorDescription);
    }

    [Fact]
    public async Task Aud_is_checked_instead_of_client_id_when_present()
    {
        var audOk = await Authorize(Token(new Dictionary<string, object> { ["aud"] = "client-b", ["client_id"] = "client-z" }));
        var audWrong = await Authorize(Token(new Dictionary<string, object> { ["aud"] = "client-z", ["client_id"] = Client }));

        Assert.True(audOk.IsAuthorized, audOk.ErrorDescription);
        Assert.Equal(JwtAuthorizerEmulator.InvalidAudience, audWrong.ErrorDescription);
    }

    [Fact]
    public async Task An_ID_token_passes_an_unscoped_route_and_fails_a_scoped_one()
    {
        var id = new Dictionary<string, object> { ["token_use"] = "id", ["aud"] = Client, ["scope"] = "" };

        Assert.True((await Authorize(Token(id), scopes: [])).IsAuthorized);
        var scoped = await Authorize(Token(id));
        Assert.Equal("insufficient_scope", scoped.Error);
    }

    [Fact]
    public async Task A_token_use_other_than_access_or_id_is_refused()
    {
        var result = await Authorize(Token(new Dictionary<string, object> { ["token_use"] = "refresh" }));

        Assert.False(result.IsAuthorized);
    }

    [Fact]
    public async Task A_token_signed_by_an_unknown_key_is_refused_after_one_refresh_of_the_key_set()
    {
        var stranger = new RsaSecurityKey(RSA.Create(2048)) { KeyId = "stranger" };

        var result = await Authorize(Token(key: stranger));

        Assert.Equal("the token's key id is not in the issuer's key set", result.ErrorDescription);
        Assert.Equal(1, _keys.Refreshes);
    }

    [Fact]
    public async Task A_rotated_key_is_picked_up_by_the_refresh()
    {
        var rotated = new RsaSecurityKey(RSA.Create(2048)) { KeyId = "rotated" };
        var keys = new StaticKeys([TestTokens.Key], afterRefresh: [TestTokens.Key, rotated]);

        var result = await Authorize(Token(key: rotated), authorizer: Authorizer(keys: keys));

        Assert.True(result.IsAuthorized, result.ErrorDescription);
    }

    [Fact]
    public async Task A_known_key_id_with_a_signature_that_does_not_match_is_refused()
    {
        var impostor = new RsaSecurityKey(RSA.Create(2048)) { KeyId = TestTokens.KeyId };

        var result = await Authorize(Token(key: impostor));

        Assert.Equal("the token signature is invalid", result.ErrorDescription);
    }

    [Fact]
    public async Task A_symmetric_signature_is_refused_because_only_RSA_is_accepted()
    {
        var secret = new SymmetricSecurityKey(RandomNumberGenerator.GetBytes(32)) { KeyId = TestTokens.KeyId };
        var token = new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Claims = new Dictionary<string, object> { ["iss"] = Issuer, ["client_id"] = Client, ["exp"] = Now.AddHours(1).ToUnixTimeSeconds(), ["scope"] = Scoped[0] },
            SigningCredentials = new SigningCredentials(secret, SecurityAlgorithms.HmacSha256),
        });

        Assert.False((await Authorize(token, authorizer: Authorizer(keys: new StaticKeys([TestTokens.Key, secret])))).IsAuthorized);
    }

    [Fact]
    public async Task With_verification_off_the_claims_pass_through_unchecked()
    {
        var stranger = new RsaSecurityKey(RSA.Create(2048)) { KeyId = "stranger" };
        var token = TestTokens.Access("https://elsewhere", "client-z", Now.AddDays(-3), key: stranger);

        var result = await Authorize(token, authorizer: Authorizer(verify: false));

        Assert.True(result.IsAuthorized);
        Assert.Equal("client-z", result.Claims["client_id"]);
    }
}
