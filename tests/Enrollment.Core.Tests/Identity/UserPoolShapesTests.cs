using Enrollment.Core.Identity;

namespace Enrollment.Core.Tests.Identity;

/// <summary>Username and AppClientId against botocore's cognito-idp patterns (UsernameType, ClientIdType).</summary>
public sealed class UserPoolShapesTests
{
    [Theory]
    [InlineData("jane", true)]
    [InlineData("jane.doe+mfa@example.com", true)]
    [InlineData("Zoë_名-1", true)]
    [InlineData("6f1c2d3e-0000-4000-8000-123456789abc", true)]
    [InlineData("", false)]
    [InlineData(null, false)]
    [InlineData("jane doe", false)]
    [InlineData(" jane", false)]
    [InlineData("jane\n", false)]
    [InlineData("ja\u202Ene", false)]
    [InlineData("ja\u200Dne", false)]
    public void A_username_is_what_UsernameType_allows(string? text, bool valid) => Assert.Equal(valid, Username.IsValid(text));

    [Fact]
    public void A_username_is_at_most_128_characters()
    {
        Assert.True(Username.IsValid(new string('a', 128)));
        Assert.False(Username.IsValid(new string('a', 129)));
        Assert.False(Username.IsValid("a\uD800b")); // a lone surrogate is no character at all
    }

    [Theory]
    [InlineData("1h2j3k4l5m6n7o8p9q0r1s2t3u", true)]
    [InlineData("demo-client-id", true)]
    [InlineData("client_1", true)]
    [InlineData("", false)]
    [InlineData(null, false)]
    [InlineData("client id", false)]
    [InlineData("client/1", false)]
    [InlineData("clïent", false)]
    public void An_app_client_id_is_letters_digits_dash_and_underscore(string? id, bool valid) => Assert.Equal(valid, AppClientId.IsValid(id));

    [Fact]
    public void An_app_client_id_is_at_most_128_characters()
    {
        Assert.True(AppClientId.IsValid(new string('a', 128)));
        Assert.False(AppClientId.IsValid(new string('a', 129)));
    }
}
