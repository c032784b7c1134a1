using System.Security.Cryptography;
using System.Text;

namespace Enrollment.Core.Recovery;

/// <summary>
/// What is stored instead of a recovery code: HMAC-SHA256 keyed with a server-side secret (the pepper), over the
/// set's random salt followed by the normalized code. Lower-case hex, so it can be part of a DynamoDB key.
/// </summary>
/// <remarks>
/// Why a keyed hash with a pepper (issue 8, item 10): a code is 50 random bits, so with only a per-set salt, a leak of
/// the user state table would let anyone search each set offline (2^50 HMACs per set: days on a GPU). The pepper is
/// not in the table (Secrets Manager, resolved at deploy into the functions that issue or consume codes), so the
/// hashes of a leaked table cannot be tested at all without it. The salt still makes every set its own search
/// should the pepper leak too. Online, guesses are capped per source and per user (<see cref="RecoveryAttempts"/>).
/// A slow hash would cost CPU on every attempt and add little to 50 random bits behind a secret key.
/// </remarks>
public sealed class RecoveryCodeHasher
{
    public const int SaltBytes = 32;

    /// <summary>The pepper's minimum length: as long as the HMAC-SHA256 output, per RFC 2104's advice on key length.</summary>
    public const int MinPepperBytes = 32;

    private readonly Lazy<byte[]> _pepper;

    /// <param name="pepper">Read once, on the first hash: a function that never hashes (status, disable) never needs it.</param>
    public RecoveryCodeHasher(Func<byte[]> pepper)
    {
        ArgumentNullException.ThrowIfNull(pepper);
        // PublicationOnly: a missing secret fails that call (and cold start), and is not remembered as a failure.
        _pepper = new Lazy<byte[]>(() => Checked(pepper()), LazyThreadSafetyMode.PublicationOnly);
    }

    public RecoveryCodeHasher(byte[] pepper) : this(() => pepper) { }

    public static byte[] NewSalt() => RandomNumberGenerator.GetBytes(SaltBytes);

    public string Hash(ReadOnlySpan<byte> salt, string normalizedCode)
    {
        Span<byte> message = stackalloc byte[SaltBytes + RecoveryCode.MaxInputLength];
        if (salt.Length != SaltBytes) throw new ArgumentException($"A salt is {SaltBytes} bytes.", nameof(salt));
        salt.CopyTo(message);
        var written = Encoding.ASCII.GetBytes(normalizedCode, message[SaltBytes..]);
        return Convert.ToHexStringLower(HMACSHA256.HashData(_pepper.Value, message[..(SaltBytes + written)]));
    }

    private static byte[] Checked(byte[] pepper) =>
        pepper is { Length: >= MinPepperBytes }
            ? pepper
            : throw new InvalidOperationException($"The recovery code pepper must be at least {MinPepperBytes} bytes.");
}
