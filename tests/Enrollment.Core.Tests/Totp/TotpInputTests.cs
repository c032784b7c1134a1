using Enrollment.Core.Errors;
using Enrollment.Core.Totp;

namespace Enrollment.Core.Tests.Totp;

public class TotpInputTests
{
    [Theory]
    [InlineData("12345")]
    [InlineData("1234567")]
    [InlineData("12a456")]
    [InlineData(" 12345")]
    [InlineData("１２３４５６")] // full-width digits are not ASCII digits
    [InlineData("")]
    [InlineData(null)]
    public void Code_must_be_six_ascii_digits(string? code)
    {
        var ex = Assert.Throws<EnrollmentException>(() => TotpInput.Code(code));
        Assert.Equal(ErrorCode.ValidationError, ex.Code);
        Assert.Equal("code", ex.Reason);
    }

    [Fact]
    public void Six_digits_pass() => Assert.Equal("012345", TotpInput.Code("012345"));

    [Theory]
    [InlineData("short")]
    [InlineData("has space in it and is long enough")]
    public void Session_shape_is_checked(string session) =>
        Assert.Equal(ErrorCode.ValidationError, Assert.Throws<EnrollmentException>(() => TotpInput.Session(session)).Code);

    [Fact]
    public void Device_name_is_trimmed_and_bounded()
    {
        Assert.Equal("Pixel 9", TotpInput.DeviceName("  Pixel 9 "));
        Assert.Null(TotpInput.DeviceName(null));
        Assert.Throws<EnrollmentException>(() => TotpInput.DeviceName(new string('x', 65)));
        Assert.Throws<EnrollmentException>(() => TotpInput.DeviceName("bad\nname"));
    }
}
