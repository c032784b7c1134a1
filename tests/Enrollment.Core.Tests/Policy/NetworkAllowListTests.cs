using Enrollment.Core.Policy;

namespace Enrollment.Core.Tests.Policy;

public class NetworkAllowListTests
{
    [Theory]
    [InlineData("203.0.113.0/24", "203.0.113.0", true)]
    [InlineData("203.0.113.0/24", "203.0.113.255", true)]
    [InlineData("203.0.113.0/24", "203.0.114.0", false)]
    [InlineData("203.0.113.0/24", "203.0.112.255", false)]
    [InlineData("10.0.0.0/8", "10.255.255.255", true)]
    [InlineData("0.0.0.0/0", "198.51.100.7", true)]
    [InlineData("198.51.100.7/32", "198.51.100.7", true)]
    [InlineData("198.51.100.7/32", "198.51.100.8", false)]
    [InlineData("198.51.100.7", "198.51.100.7", true)]
    [InlineData("2001:db8::/32", "2001:db8:ffff::1", true)]
    [InlineData("2001:db8::/32", "2001:db9::1", false)]
    [InlineData("2001:db8::/127", "2001:db8::1", true)]
    [InlineData("2001:db8::/128", "2001:db8::1", false)]
    [InlineData("::/0", "2001:db8::1", true)]
    [InlineData("203.0.113.0/24", "::ffff:203.0.113.9", true)]   // IPv4-mapped IPv6 source
    [InlineData("203.0.113.0/24", "2001:db8::1", false)]          // families never cross
    [InlineData("::/0", "203.0.113.9", false)]
    [InlineData("203.0.113.0/24", "not-an-ip", false)]
    [InlineData("203.0.113.0/24", "", false)]
    public void Matches_cidr_edges(string cidr, string source, bool allowed) =>
        Assert.Equal(allowed, NetworkAllowList.Parse([cidr]).Allows(source));

    [Fact]
    public void Empty_list_allows_any_source_even_unknown() => Assert.True(NetworkAllowList.Parse([]).Allows(null));

    [Fact]
    public void Any_of_several_networks_matches()
    {
        var list = NetworkAllowList.Parse(["10.0.0.0/8", "2001:db8::/32"]);
        Assert.True(list.Allows("2001:db8::42"));
        Assert.True(list.Allows("10.1.2.3"));
        Assert.False(list.Allows("192.0.2.1"));
    }

    [Theory]
    [InlineData("203.0.113.1/24")]   // host bits set
    [InlineData("203.0.113.0/33")]
    [InlineData("2001:db8::/129")]
    [InlineData("garbage")]
    [InlineData("")]
    public void Rejects_bad_cidr(string cidr) => Assert.Throws<FormatException>(() => NetworkAllowList.Parse([cidr]));
}
