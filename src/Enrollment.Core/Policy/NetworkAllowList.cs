using System.Net;
using System.Net.Sockets;

namespace Enrollment.Core.Policy;

/// <summary>
/// The tenant's allowed source networks, parsed once per cached policy. Empty means "any network".
/// IPv4-mapped IPv6 sources (::ffff:a.b.c.d) are matched as IPv4 so dual-stack front ends behave.
/// </summary>
public sealed class NetworkAllowList
{
    private readonly IPNetwork[] _networks;

    private NetworkAllowList(IPNetwork[] networks) => _networks = networks;

    public static NetworkAllowList Any { get; } = new([]);

    public bool AllowsAny => _networks.Length == 0;

    /// <summary>Parses CIDR blocks; a bare address is a /32 or /128. Host bits set below the prefix are an error.</summary>
    public static NetworkAllowList Parse(IEnumerable<string> cidrs)
    {
        var list = new List<IPNetwork>();
        foreach (var cidr in cidrs)
        {
            if (!TryParseNetwork(cidr, out var network))
                throw new FormatException($"'{cidr}' is not a CIDR block such as 203.0.113.0/24 or 2001:db8::/32.");
            list.Add(network);
        }
        return new NetworkAllowList(list.ToArray());
    }

    public static bool TryParseNetwork(string? cidr, out IPNetwork network)
    {
        network = default;
        if (string.IsNullOrWhiteSpace(cidr)) return false;
        var text = cidr.Trim();
        if (!text.Contains('/'))
        {
            if (!IPAddress.TryParse(text, out var single) || text.Contains('%')) return false;
            network = new IPNetwork(single, single.AddressFamily == AddressFamily.InterNetwork ? 32 : 128);
            return true;
        }
        // Host bits below the prefix ("10.0.0.1/8") usually mean a typo; refuse rather than guess.
        return IPNetwork.TryParse(text, out network)
            && IPAddress.TryParse(text[..text.IndexOf('/')], out var written)
            && network.BaseAddress.Equals(written);
    }

    public bool Allows(string? sourceIp)
    {
        if (AllowsAny) return true;
        if (string.IsNullOrEmpty(sourceIp) || !IPAddress.TryParse(sourceIp, out var address)) return false;
        if (address.IsIPv4MappedToIPv6) address = address.MapToIPv4();
        foreach (var network in _networks)
            if (network.BaseAddress.AddressFamily == address.AddressFamily && network.Contains(address)) return true;
        return false;
    }
}
