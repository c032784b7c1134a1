using Enrollment.Core.Identity;

namespace Enrollment.Core.Tests.Identity;

public sealed class ClaimValuesTests
{
    [Theory]
    [InlineData("true", true, true)]
    [InlineData("TRUE", true, true)]
    [InlineData("True", false, false)]
    [InlineData("true", false, true)]
    [InlineData("false", true, false)]
    [InlineData("1", true, false)]
    [InlineData(null, true, false)]
    [InlineData("", false, false)]
    public void A_restricting_claim_counts_any_spelling_of_true_a_granting_one_only_the_exact_text(string? value, bool restricts, bool expected) =>
        Assert.Equal(expected, ClaimValues.IsTrue(value, restricts));

    [Fact]
    public void What_the_trigger_writes_reads_back()
    {
        Assert.True(ClaimValues.IsTrue(ClaimValues.Of(true), restricts: false));
        Assert.False(ClaimValues.IsTrue(ClaimValues.Of(false), restricts: true));
    }
}
