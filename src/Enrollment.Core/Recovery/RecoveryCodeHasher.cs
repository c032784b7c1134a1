using System.Security.Cryptography;
using System.Text;

namespace Enrollment.Core.Recovery;

/// <summary>
/// What is stored instead of a recovery code: HMAC-SHA256 of the normalized code, keyed with a random salt
/// of the code's set. Lower-case hex, so it can be part of a DynamoDB key.
/// </summary>
/// <remarks>
/// Why a fast keyed hash and not a password hash (PBKDF2, scrypt): a code is 50 random bits, not a human
/// choice, so there is no dictionary to try first. Online, guesses are capped per user and per source
/// (recovery.maxAttemptsPerHour): a year of guessing at 5 an hour finds one of 10 codes with a chance of about 2^-31. Offline, after a leak of the
/// user state table, the per-set salt makes every set its own search (no precomputation, no cross-user
/// reuse); a hit yields only a second factor for one user, still useless without the password, and dead once
/// the set is used or replaced. A slow hash would cost CPU on every attempt for little more. The upgrade,
/// should the threat model change, is a server-side pepper (a KMS-held key) mixed into this HMAC.
/// </remarks>
public static class RecoveryCodeHasher
{
    public const int SaltBytes = 32;

    public static byte[] NewSalt() => RandomNumberGenerator.GetBytes(SaltBytes);

    public static string Hash(ReadOnlySpan<byte> salt, string normalizedCode)
    {
        Span<byte> message = stackalloc byte[RecoveryCode.Length];
        var written = Encoding.ASCII.GetBytes(normalizedCode, message);
        return Convert.ToHexStringLower(HMACSHA256.HashData(salt, message[..written]));
    }
}
