using Enrollment.Core.Totp;

namespace Enrollment.Core.Tests.Totp;

public class OtpAuthUriTests
{
    [Fact]
    public void Builds_key_uri_with_percent_encoded_issuer_and_account()
    {
        var uri = OtpAuthUri.Build("Acme Corp", "jane doe@example.com", "jbswy3dpehpk3pxp");
        Assert.Equal(
            "otpauth://totp/Acme%20Corp:jane%20doe%40example.com?secret=JBSWY3DPEHPK3PXP&issuer=Acme%20Corp&algorithm=SHA1&digits=6&period=30",
            uri);
    }

    [Fact]
    public void Never_uses_plus_for_space_and_encodes_reserved_characters()
    {
        var uri = OtpAuthUri.Build("A&B + Co/Ltd?", "x#y", "ABC");
        Assert.DoesNotContain("+", uri.Split('?')[0]);
        Assert.StartsWith("otpauth://totp/A%26B%20%2B%20Co%2FLtd%3F:x%23y?", uri);
        Assert.Contains("&issuer=A%26B%20%2B%20Co%2FLtd%3F&", uri);
    }

    [Fact]
    public void Colons_inside_issuer_or_account_are_replaced_so_the_label_splits_once()
    {
        var uri = OtpAuthUri.Build("Acme: EU", "user:1", "ABC");
        var label = uri["otpauth://totp/".Length..uri.IndexOf('?')];
        Assert.Single(label.Split(':').Skip(1));
        Assert.DoesNotContain("%3A", uri, StringComparison.OrdinalIgnoreCase);
        Assert.Equal("Acme- EU", OtpAuthUri.LabelPart("Acme: EU"));
    }

    [Fact]
    public void Non_ascii_is_utf8_percent_encoded() =>
        Assert.StartsWith("otpauth://totp/M%C3%BCller%20GmbH:j%C3%B6rg?", OtpAuthUri.Build("Müller GmbH", "jörg", "ABC"));

    [Theory]
    [InlineData("asdfasdfasdf", "ASDFASDFASDF")]
    [InlineData("JBSWY3DPEHPK3PXP====", "JBSWY3DPEHPK3PXP")]
    public void Secret_is_upper_case_without_padding(string raw, string expected) =>
        Assert.Equal(expected, OtpAuthUri.NormalizeSecret(raw));
}
