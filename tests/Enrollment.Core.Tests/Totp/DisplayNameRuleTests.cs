using Enrollment.Core.Errors;
using Enrollment.Core.Identity;
using Enrollment.Core.Policy;
using Enrollment.Core.Totp;

namespace Enrollment.Core.Tests.Totp;

/// <summary>Issue 8 (12) and (9): the one name rule, where it applies, and the one list of routes enrollment-only tokens reach.</summary>
public class DisplayNameRuleTests
{
    [Theory]
    [InlineData("Acme\u202Egnp.exe")]
    [InlineData("Acme\u2067Corp\u2069")]
    [InlineData("Ac\u200Bme")]
    [InlineData("Acme\u0007")]
    [InlineData("Acme\u2028Corp")]
    public void Format_control_and_separator_characters_are_not_safe_and_are_stripped_from_labels(string name)
    {
        Assert.False(DisplayNameRule.IsSafe(name));
        Assert.True(DisplayNameRule.IsSafe(OtpAuthUri.LabelPart(name)));
        Assert.StartsWith("Ac", OtpAuthUri.LabelPart(name));
    }

    [Fact]
    public void A_lone_surrogate_is_not_safe() => Assert.False(DisplayNameRule.IsSafe("Acme" + (char)0xD800));

    [Theory]
    [InlineData("Acme Corp")]
    [InlineData("Müller GmbH")]
    [InlineData("東京 株式会社")]
    [InlineData("Pixel 9 😀")]
    public void Ordinary_names_in_any_script_are_safe(string name) => Assert.True(DisplayNameRule.IsSafe(name));

    [Fact]
    public void A_policy_display_name_with_a_bidi_override_or_too_long_for_the_qr_code_is_refused()
    {
        var policy = new TenantPolicy { TenantId = "acme", AppClientIds = ["client-1"] };
        Assert.Null(PolicyValidator.Validate(policy with { DisplayName = "Acme Corp" }));
        Assert.Equal("displayName", PolicyValidator.Validate(policy with { DisplayName = "Acme\u202EproC" })?.Field);
        // 100 characters (the length limit) of a 3-byte letter: 900 bytes once percent-encoded, over the issuer budget.
        Assert.Equal("displayName", PolicyValidator.Validate(policy with { DisplayName = new string('界', 100) })?.Field);
        Assert.Null(PolicyValidator.Validate(policy with { DisplayName = new string('界', 66) }));
    }

    [Fact]
    public void A_device_name_with_a_format_character_is_a_validation_error_naming_the_field()
    {
        var failure = Assert.Throws<EnrollmentException>(() => TotpInput.DeviceName("Pixel\u202E9"));
        Assert.Equal((ErrorCode.ValidationError, "deviceName"), (failure.Code, failure.Reason));
        Assert.Equal("Pixel 9", TotpInput.DeviceName(" Pixel 9 "));
    }

    [Theory]
    [InlineData(SignedInOperation.Associate, true)]
    [InlineData(SignedInOperation.Verify, true)]
    [InlineData(SignedInOperation.Status, true)]
    [InlineData(SignedInOperation.Disable, false)]
    [InlineData(SignedInOperation.RecoveryCodes, false)]
    [InlineData(SignedInOperation.Admin, false)]
    public void Enrollment_only_tokens_reach_enrollment_and_status_only(SignedInOperation operation, bool accepted)
    {
        Assert.Equal(accepted, EnrollmentOnlyTokens.Accepts(operation));
        var caller = new CallerContext { RequestId = "r", EnrollmentOnly = true };
        if (accepted) EnrollmentOnlyTokens.Require(caller, operation);
        else Assert.Equal(ErrorReasons.EnrollmentOnlyToken, Assert.Throws<EnrollmentException>(() => EnrollmentOnlyTokens.Require(caller, operation)).Reason);
        EnrollmentOnlyTokens.Require(caller with { EnrollmentOnly = false }, operation);
    }
}
