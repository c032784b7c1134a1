using Enrollment.Core.Policy;

namespace Enrollment.Core.Tests.Policy;

public class SemanticVersionTests
{
    [Theory]
    // SemVer 2.0.0 precedence example chain, plus numeric (not lexical) ordering.
    [InlineData("1.0.0-alpha", "1.0.0-alpha.1")]
    [InlineData("1.0.0-alpha.1", "1.0.0-alpha.beta")]
    [InlineData("1.0.0-alpha.beta", "1.0.0-beta")]
    [InlineData("1.0.0-beta", "1.0.0-beta.2")]
    [InlineData("1.0.0-beta.2", "1.0.0-beta.11")]
    [InlineData("1.0.0-beta.11", "1.0.0-rc.1")]
    [InlineData("1.0.0-rc.1", "1.0.0")]
    [InlineData("1.9.0", "1.10.0")]
    [InlineData("2.0.9", "2.0.10")]
    [InlineData("1.99.99", "2.0.0")]
    [InlineData("2.0.0-rc.1", "2.0.0")]
    [InlineData("2", "2.0.1")]
    public void Orders_by_precedence(string lower, string higher)
    {
        Assert.True(SemanticVersion.TryParse(lower, out var a));
        Assert.True(SemanticVersion.TryParse(higher, out var b));
        Assert.True(a.CompareTo(b) < 0, $"{lower} < {higher}");
        Assert.True(b.CompareTo(a) > 0, $"{higher} > {lower}");
    }

    [Theory]
    [InlineData("2.0.0", "2.0.0+build.5")]
    [InlineData("v2.1.0", "2.1.0")]
    [InlineData("2.1", "2.1.0")]
    public void Treats_as_equal(string left, string right)
    {
        Assert.True(SemanticVersion.TryParse(left, out var a));
        Assert.True(SemanticVersion.TryParse(right, out var b));
        Assert.Equal(0, a.CompareTo(b));
    }

    [Theory]
    [InlineData("")]
    [InlineData("abc")]
    [InlineData("1.2.3.4")]
    [InlineData("01.2.3")]
    [InlineData("1.2.3-")]
    [InlineData("1.2.3-01")]
    [InlineData("1..3")]
    [InlineData("1.2.3-beta!")]
    [InlineData("-1.2.3")]
    [InlineData(null)]
    public void Rejects_malformed(string? text) => Assert.False(SemanticVersion.TryParse(text, out _));
}
