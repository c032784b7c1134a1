using System.Net;
using System.Net.Sockets;

namespace Enrollment.Core.Enrollment;

/// <summary>Who a rate limit counts: a username as it is, or a source network.</summary>
public static class RateLimitSubjects
{
    /// <summary>The prefix keeps source counters apart from usernames in the same key space.</summary>
    public const string SourcePrefix = "ip:";

    /// <summary>
    /// An IPv4 source as one address; an IPv6 source as its /64, because one subscriber usually holds a
    /// whole /64 and could otherwise rotate addresses to escape the limit. No source shares one counter.
    /// </summary>
    public static string ForSource(string? sourceIp)
    {
        if (string.IsNullOrEmpty(sourceIp) || !IPAddress.TryParse(sourceIp, out var address)) return SourcePrefix + "unknown";
        if (address.IsIPv4MappedToIPv6) address = address.MapToIPv4();
        if (address.AddressFamily == AddressFamily.InterNetwork) return SourcePrefix + address;
        var bytes = address.GetAddressBytes();
        Array.Clear(bytes, 8, 8);
        return $"{SourcePrefix}{new IPAddress(bytes)}/64";
    }
}
