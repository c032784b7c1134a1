using System.Net.Sockets;
using System.Net;

namespace Enrollment.Core.Limits;

/// <summary>What a rate limit counts: a user Cognito has proven (by sub), or a source network.</summary>
public enum RateLimitSubjectKind
{
    User,
    Source,
}

/// <summary>
/// Who a counter counts. Typed so that a user's counter and a source's counter can never be the same counter,
/// whatever a username looks like (the store keys the two kinds in disjoint key spaces). A user subject is
/// only ever built from a sub Cognito has proven for the request; routes without a token count sources only.
/// </summary>
public sealed record RateLimitSubject
{
    /// <summary>The network a source subject names when the request carries no usable address.</summary>
    public const string UnknownSource = "unknown";

    private RateLimitSubject(RateLimitSubjectKind kind, string value)
    {
        Kind = kind;
        Value = value;
    }

    public RateLimitSubjectKind Kind { get; }

    /// <summary>The sub, or the source network (IPv4 address, or IPv6 /64 in CIDR form).</summary>
    public string Value { get; }

    /// <summary>A user, by the immutable sub of a token Cognito issued (never a username from a body).</summary>
    public static RateLimitSubject User(string sub)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(sub);
        return new(RateLimitSubjectKind.User, sub);
    }

    /// <summary>
    /// An IPv4 source as one address; an IPv6 source as its /64, because one subscriber usually holds a
    /// whole /64 and could otherwise rotate addresses to escape the limit.
    /// </summary>
    public static RateLimitSubject Source(string? sourceIp)
    {
        if (string.IsNullOrEmpty(sourceIp) || !IPAddress.TryParse(sourceIp, out var address)) return new(RateLimitSubjectKind.Source, UnknownSource);
        if (address.IsIPv4MappedToIPv6) address = address.MapToIPv4();
        if (address.AddressFamily == AddressFamily.InterNetwork) return new(RateLimitSubjectKind.Source, address.ToString());
        var bytes = address.GetAddressBytes();
        Array.Clear(bytes, 8, 8);
        return new(RateLimitSubjectKind.Source, $"{new IPAddress(bytes)}/64");
    }

    public override string ToString() => $"{Kind}:{Value}";
}
